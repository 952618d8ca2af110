import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import { Forecast } from '@splitwork/planning-core';
import { PlanForecastOverrunModel } from './plan-forecast-overrun.model';

@ObjectType('PlanForecast', {
  description:
    'Monte Carlo over the three-point estimates and the dependency graph, with the estimation error shared across the project and per skill (see README, "Forecast").',
})
export class PlanForecastModel {
  @Field(() => Int)
  freelancers!: number;

  @Field(() => Int)
  iterations!: number;

  @Field(() => MoneyModel, {
    description: "What the owner pays: the sum of the tasks' fixed prices. It does not vary.",
  })
  fixedPrice!: MoneyModel;

  @Field(() => MoneyModel, {
    description:
      'Value of the simulated effort at the rate card, P50. Not what the owner pays (tasks are fixed price): compare with fixedPrice.',
  })
  p50Cost!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Value of the simulated effort at the rate card, P90.' })
  p90Cost!: MoneyModel;

  @Field(() => Float, { description: 'Hours the fixed prices pay for (PERT expected hours).' })
  pricedHours!: number;

  @Field(() => Float, { description: 'Simulated hours of work, P50.' })
  p50EffortHours!: number;

  @Field(() => Float, { description: 'Simulated hours of work, P90.' })
  p90EffortHours!: number;

  @Field(() => PlanForecastOverrunModel)
  overrun!: PlanForecastOverrunModel;

  @Field(() => Float, {
    description: 'Calendar duration in working hours with that many freelancers, P50.',
  })
  p50DurationHours!: number;

  @Field(() => Float)
  p90DurationHours!: number;

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

  @Field(() => Float, {
    description: "Share of each task's estimation error common to the whole project (ρp).",
  })
  projectCorrelation!: number;

  @Field(() => Float, {
    description: 'Share common to the tasks of one main skill (ρs).',
  })
  skillCorrelation!: number;

  static from(forecast: Forecast): PlanForecastModel {
    const currency = forecast.cost.currency;
    return {
      freelancers: forecast.freelancers,
      iterations: forecast.iterations,
      fixedPrice: MoneyModel.from(forecast.fixedPrice),
      p50Cost: MoneyModel.from({ amountCents: forecast.cost.p50Cents, currency }),
      p90Cost: MoneyModel.from({ amountCents: forecast.cost.p90Cents, currency }),
      pricedHours: forecast.effortHours.priced,
      p50EffortHours: forecast.effortHours.p50,
      p90EffortHours: forecast.effortHours.p90,
      overrun: {
        probability: forecast.overrun.probability,
        p50Hours: forecast.overrun.hours.p50,
        p90Hours: forecast.overrun.hours.p90,
        p50Value: MoneyModel.from({ amountCents: forecast.overrun.cents.p50, currency }),
        p90Value: MoneyModel.from({ amountCents: forecast.overrun.cents.p90, currency }),
      },
      p50DurationHours: forecast.durationHours.p50,
      p90DurationHours: forecast.durationHours.p90,
      p50DurationDays: forecast.durationDays.p50,
      p90DurationDays: forecast.durationDays.p90,
      criticalPath: [...forecast.criticalPath.taskKeys],
      criticalPathHours: forecast.criticalPath.expectedHours,
      projectCorrelation: forecast.correlation.project,
      skillCorrelation: forecast.correlation.skill,
    };
  }
}
