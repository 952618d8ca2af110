import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { WorkPlatform } from './work-platform.enum';
import { EstimateInput } from './estimate.input';
import { SkillRequirementInput } from './skill-requirement.input';
import { trim } from './trim';

@InputType()
export class AddPlanTaskInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field()
  @IsString()
  @MaxLength(120)
  featureKey!: string;

  @Field()
  @Transform(trim)
  @RequiredText({ max: 200, singleLine: true })
  title!: string;

  @Field()
  @RequiredText({ max: 5000 })
  description!: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @RequiredText({ max: 500, each: true })
  acceptanceCriteria!: string[];

  @Field(() => [SkillRequirementInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SkillRequirementInput)
  skills!: SkillRequirementInput[];

  @Field(() => WorkPlatform)
  @IsEnum(WorkPlatform)
  platform!: WorkPlatform;

  @Field(() => EstimateInput)
  @ValidateNested()
  @Type(() => EstimateInput)
  estimate!: EstimateInput;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  dependsOn!: string[];

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  requirementIds!: string[];
}
