import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ReviewEntity } from '../review.entity';
import { CriterionResultModel } from './criterion-result.model';

@ObjectType('Review')
export class ReviewModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { description: 'The submission it judged.' })
  revision!: number;

  @Field({ description: 'APPROVE, REQUEST_CHANGES or REJECT.' })
  verdict!: string;

  @Field(() => Int, { nullable: true, description: '1–5; null for an automatic approval.' })
  overallScore!: number | null;

  @Field()
  feedback!: string;

  @Field(() => [CriterionResultModel], {
    description: 'Every criterion of the scorecard, in order (empty for an automatic approval).',
  })
  criteria!: CriterionResultModel[];

  @Field(() => [String], { description: 'Criteria that failed, with the comment: "AC2: …".' })
  failedCriteria!: string[];

  @Field(() => ID, { nullable: true, description: 'Null for an automatic approval.' })
  reviewerId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  static from(r: ReviewEntity, revision: number): ReviewModel {
    return Object.assign(new ReviewModel(), {
      id: r.id,
      taskId: r.taskId,
      revision,
      verdict: r.verdict,
      overallScore: r.overallScore,
      feedback: r.feedback,
      criteria: r.scorecard.map((c) => CriterionResultModel.from(c)),
      failedCriteria: r.scorecard
        .filter((c) => !c.passed)
        .map((c) => `${c.criterionId}: ${c.comment ?? ''}`),
      reviewerId: r.reviewerId,
      createdAt: r.createdAt,
    });
  }
}
