import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ReviewEntity } from '../review.entity';

@ObjectType('Review')
export class ReviewModel {
  @Field(() => ID)
  id!: string;

  @Field()
  verdict!: string;

  @Field(() => Int, { nullable: true })
  overallScore!: number | null;

  @Field()
  feedback!: string;

  @Field(() => [String], { description: 'Criteria that failed, with the comment: "AC2: …".' })
  failedCriteria!: string[];

  static from(r: ReviewEntity): ReviewModel {
    return Object.assign(new ReviewModel(), {
      id: r.id,
      verdict: r.verdict,
      overallScore: r.overallScore,
      feedback: r.feedback,
      failedCriteria: r.scorecard
        .filter((c) => !c.passed)
        .map((c) => `${c.criterionId}: ${c.comment ?? ''}`),
    });
  }
}
