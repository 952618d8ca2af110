import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FreelancerSkillInput } from './freelancer-skill.input';

@InputType()
export class UpdateFreelancerProfileInput {
  @Field(() => [FreelancerSkillInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FreelancerSkillInput)
  skills!: FreelancerSkillInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  hourlyRateCents?: number;

  @Field({ defaultValue: 'UTC' })
  @IsString()
  @MaxLength(60)
  timezone!: string;

  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(0)
  @Max(80)
  weeklyHours!: number;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20)
  @IsUrl({ require_protocol: true }, { each: true })
  portfolioLinks!: string[];
}
