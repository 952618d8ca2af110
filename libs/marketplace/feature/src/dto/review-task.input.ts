import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ReviewVerdictEnum } from './review-verdict.enum';
import { TaskRefInput } from './task-ref.input';
import { CriterionAssessmentInput } from './criterion-assessment.input';

@InputType()
export class ReviewTaskInput extends TaskRefInput {
  @Field(() => ReviewVerdictEnum)
  @IsEnum(ReviewVerdictEnum)
  verdict!: ReviewVerdictEnum;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  overallScore!: number;

  @Field(() => [CriterionAssessmentInput])
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionAssessmentInput)
  assessments!: CriterionAssessmentInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  feedback?: string | null;
}
