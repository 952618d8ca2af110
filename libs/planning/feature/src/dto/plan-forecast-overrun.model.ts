import { Field, Float, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';

@ObjectType('PlanForecastOverrun', {
  description:
    'Rework and overrun risk: effort beyond the fixed price of the tasks that run over. The owner does not pay it; it is the work at risk of being redone, disputed or abandoned.',
})
export class PlanForecastOverrunModel {
  @Field(() => Float, {
    description:
      "Share of simulated runs (0–1) in which the plan's effort exceeds its priced hours.",
  })
  probability!: number;

  @Field(() => Float, {
    description: 'Hours beyond the priced hours of the overrunning tasks, P50.',
  })
  p50Hours!: number;

  @Field(() => Float, { description: 'The same at P90.' })
  p90Hours!: number;

  @Field(() => MoneyModel, { description: "P50 overrun hours at the tasks' rates." })
  p50Value!: MoneyModel;

  @Field(() => MoneyModel, { description: "P90 overrun hours at the tasks' rates." })
  p90Value!: MoneyModel;
}
