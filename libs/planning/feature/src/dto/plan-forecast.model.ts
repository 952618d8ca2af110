import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import { Forecast } from '@splitwork/planning-core';

@ObjectType('PlanForecast', {
  description: 'Monte Carlo over the three-point estimates and the dependency graph.',
})
export class PlanForecastModel {
  @Field(() => Int)
  freelancers!: number;

  @Field(() => Int)
  iterations!: number;

  @Field(() => MoneyModel)
  p50Cost!: MoneyModel;

  @Field(() => MoneyModel)
  p90Cost!: MoneyModel;

  @Field(() => Float, {
    description: 'Calendar duration in working days (8 h) with that many freelancers.',
  })
  p50DurationDays!: number;

  @Field(() => Float)
  p90DurationDays!: number;

  @Field(() => [String], {
    description: 'Longest dependency chain by expected hours, first task first.',
  })
  criticalPath!: string[];

  @Field(() => Float)
  criticalPathHours!: number;

  static from(forecast: Forecast): PlanForecastModel {
    const currency = forecast.cost.currency;
    return {
      freelancers: forecast.freelancers,
      iterations: forecast.iterations,
      p50Cost: MoneyModel.from({ amountCents: forecast.cost.p50Cents, currency }),
      p90Cost: MoneyModel.from({ amountCents: forecast.cost.p90Cents, currency }),
      p50DurationDays: forecast.durationDays.p50,
      p90DurationDays: forecast.durationDays.p90,
      criticalPath: [...forecast.criticalPath.taskKeys],
      criticalPathHours: forecast.criticalPath.expectedHours,
    };
  }
}
