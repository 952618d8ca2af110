import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { Reputation } from '@splitwork/marketplace-core';

@ObjectType('ReputationSummary', { description: 'What owners and reviewers see of a reputation.' })
export class ReputationSummaryModel {
  @Field(() => Float, { description: 'The overall Bayesian score, 1–5.' })
  score!: number;

  @Field(() => Int)
  ratings!: number;

  @Field(() => Int)
  assignments!: number;

  @Field(() => Float, { nullable: true })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true })
  revisionRate!: number | null;

  static from(r: Reputation): ReputationSummaryModel {
    return Object.assign(new ReputationSummaryModel(), {
      score: r.overall.score,
      ratings: r.overall.reviewScores + r.overall.ownerRatings,
      assignments: r.overall.assignments,
      onTimeRate: r.overall.onTimeRate,
      revisionRate: r.overall.revisionRate,
    });
  }
}
