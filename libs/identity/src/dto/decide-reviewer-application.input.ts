import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { ReviewerDecision } from '../reviewer-vetting';
import { ReviewerDecisionValue } from './reviewer-decision.enum';

@InputType()
export class DecideReviewerApplicationInput {
  @Field(() => ID)
  @IsUUID()
  applicationId!: string;

  @Field(() => ReviewerDecisionValue)
  @IsIn(Object.values(ReviewerDecisionValue))
  decision!: ReviewerDecision;

  @Field(() => String, {
    nullable: true,
    description: 'Why; required to refuse (the applicant reads it), at most 2000 characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}
