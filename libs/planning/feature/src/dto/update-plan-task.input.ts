import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { EstimateInput } from './estimate.input';
import { trim } from './trim';

@InputType()
export class UpdatePlanTaskInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field()
  @IsString()
  @MaxLength(120)
  key!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @RequiredText({ max: 200, singleLine: true })
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @RequiredText({ max: 5000 })
  description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @RequiredText({ max: 500, each: true })
  acceptanceCriteria?: string[];

  @Field(() => EstimateInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EstimateInput)
  estimate?: EstimateInput;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  dependsOn?: string[];

  @Field({ nullable: true, description: 'A locked task is kept as it is by a re-plan.' })
  @IsOptional()
  @IsBoolean()
  locked?: boolean;
}
