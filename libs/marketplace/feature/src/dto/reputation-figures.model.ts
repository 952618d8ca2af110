import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ReputationFigures } from '@splitwork/marketplace-core';

@ObjectType('ReputationFigures', {
  description:
    'A Bayesian score with what it is made of: (priorMean × priorWeight + Σ ratings) / (priorWeight + count).',
})
export class ReputationFiguresModel {
  @Field(() => Float, { description: 'The Bayesian score, 1–5.' })
  score!: number;

  @Field(() => Float)
  priorMean!: number;

  @Field(() => Float)
  priorWeight!: number;

  @Field(() => Int, { description: 'Final review scores counted.' })
  reviewScores!: number;

  @Field(() => Int, { description: 'Owner ratings counted.' })
  ownerRatings!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'The plain mean of the ratings; null without any.',
  })
  ratingMean!: number | null;

  @Field(() => Int, { description: 'Assignments counted, including expired and released ones.' })
  assignments!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Delivered on time / (delivered + expired); released claims are left out.',
  })
  onTimeRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of delivered assignments that needed more than one submission.',
  })
  revisionRate!: number | null;

  static from(f: ReputationFigures): ReputationFiguresModel {
    return Object.assign(new ReputationFiguresModel(), {
      score: f.score,
      priorMean: f.priorMean,
      priorWeight: f.priorWeight,
      reviewScores: f.reviewScores,
      ownerRatings: f.ownerRatings,
      ratingMean: f.ratingMean,
      assignments: f.assignments,
      onTimeRate: f.onTimeRate,
      revisionRate: f.revisionRate,
    });
  }
}
