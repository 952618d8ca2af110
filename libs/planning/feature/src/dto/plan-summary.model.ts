import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import { EstimateModel } from './estimate.model';
import { CoverageReportModel } from './coverage-report.model';
import { BudgetComparisonModel } from './budget-comparison.model';

@ObjectType('PlanSummary')
export class PlanSummaryModel {
  @Field(() => Int)
  taskCount!: number;

  @Field(() => Int)
  featureCount!: number;

  @Field(() => Int)
  requirementCount!: number;

  @Field(() => EstimateModel, { description: 'Sums of the task estimates.' })
  hours!: EstimateModel;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => BudgetComparisonModel)
  budget!: BudgetComparisonModel;

  @Field(() => CoverageReportModel)
  coverage!: CoverageReportModel;
}
