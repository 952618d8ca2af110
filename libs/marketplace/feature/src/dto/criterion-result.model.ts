import { Field, ObjectType } from '@nestjs/graphql';
import type { AssessedCriterion } from '@splitwork/marketplace-core';

@ObjectType('CriterionResult', {
  description: "One criterion of a review: pass or fail, with the reviewer's comment.",
})
export class CriterionResultModel {
  @Field({ description: '`AC1`, `AC2`, … as on the scorecard.' })
  criterionId!: string;

  @Field({ description: 'The criterion as it read when it was judged.' })
  criterion!: string;

  @Field()
  passed!: boolean;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  static from(c: AssessedCriterion): CriterionResultModel {
    return Object.assign(new CriterionResultModel(), {
      criterionId: c.criterionId,
      criterion: c.criterion,
      passed: c.passed,
      comment: c.comment,
    });
  }
}
