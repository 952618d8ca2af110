import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { ReviewerApplicationEntity } from '../reviewer-application.entity';
import type { ReviewerApplicationStatus } from '../reviewer-vetting';
import { ReviewerApplicationStatusValue } from './reviewer-application-status.enum';

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
