import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';

@ObjectType('BudgetComparison')
export class BudgetComparisonModel {
  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field({ description: 'Funding an over-budget plan is refused with BUDGET_EXCEEDED.' })
  overBudget!: boolean;

  @Field(() => MoneyModel)
  overBy!: MoneyModel;

  @Field(() => MoneyModel)
  remaining!: MoneyModel;
}
