import {
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Connection, ConnectionArgs } from '@splitwork/api-kit';
import type { ReviewerApplicationEntity } from '../reviewer-application.entity';
import type { ReviewerApplicationStatus, ReviewerDecision } from '../reviewer-vetting';

export enum ReviewerApplicationStatusValue {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}
export enum ReviewerDecisionValue {
  APPROVE = 'APPROVE',
  REFUSE = 'REFUSE',
}
registerEnumType(ReviewerApplicationStatusValue, {
  name: 'ReviewerApplicationStatus',
  description: 'PENDING until an admin approves (the user becomes a REVIEWER) or refuses it.',
});
registerEnumType(ReviewerDecisionValue, { name: 'ReviewerDecision' });

@ObjectType('ReviewerApplication', {
  description: 'A request to review on the platform, and the admin’s decision on it.',
})
export class ReviewerApplicationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => ReviewerApplicationStatusValue)
  status!: ReviewerApplicationStatus;

  @Field(() => String, { nullable: true })
  motivation!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The admin who decided.' })
  decidedById!: string | null;

  @Field(() => String, { nullable: true, description: 'Why; always given for a refusal.' })
  reason!: string | null;

  static from(entity: ReviewerApplicationEntity): ReviewerApplicationModel {
    return Object.assign(new ReviewerApplicationModel(), {
      id: entity.id,
      userId: entity.userId,
      status: entity.status,
      motivation: entity.motivation,
      createdAt: entity.createdAt,
      decidedAt: entity.decidedAt,
      decidedById: entity.decidedBy,
      reason: entity.reason,
    });
  }
}

@ObjectType('ReviewerApplicationConnection')
export class ReviewerApplicationConnection extends Connection(
  ReviewerApplicationModel,
  'ReviewerApplication',
) {}

@ObjectType('ReviewerApplicationPayload')
export class ReviewerApplicationPayload {
  @Field(() => ReviewerApplicationModel)
  application!: ReviewerApplicationModel;
}

@ArgsType()
export class ReviewerApplicationsArgs extends ConnectionArgs {
  @Field(() => ReviewerApplicationStatusValue, {
    nullable: true,
    description: 'Only applications in this status; all when left out.',
  })
  @IsOptional()
  @IsEnum(ReviewerApplicationStatusValue)
  status?: ReviewerApplicationStatus;
}

@InputType()
export class ApplyAsReviewerInput {
  @Field(() => String, {
    nullable: true,
    description: 'What qualifies you to review (at most 2000 characters).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  motivation?: string | null;
}

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
