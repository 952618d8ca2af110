import { Field, ObjectType } from '@nestjs/graphql';
import type { ScorecardCriterion } from '@splitwork/marketplace-core';

@ObjectType('ScorecardCriterion', {
  description:
    'One acceptance criterion as the reviewer will score it (pass or fail, with a comment).',
})
export class ScorecardCriterionModel {
  @Field({ description: '`AC1`, `AC2`, … in the order of the acceptance criteria.' })
  id!: string;

  @Field()
  text!: string;

  static from(c: ScorecardCriterion): ScorecardCriterionModel {
    return Object.assign(new ScorecardCriterionModel(), { id: c.id, text: c.text });
  }
}
