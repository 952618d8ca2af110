import { Currency, DomainError, Money, money } from '@splitwork/kernel';
import { isWellFormedEstimate, pertExpectedHours } from './estimate';
import { isSkillLevel } from './plan-settings';
import { Plan, PlannedTask, RateCard, SkillLevel } from './plan.types';

export interface PricingSettings {
  readonly rateCard: RateCard;
  readonly currency: Currency;
}

export interface TaskPrice {
  readonly taskKey: string;
  readonly expectedHours: number;
  readonly skillLevel: SkillLevel;
  readonly hourlyRateCents: number;
  readonly price: Money;
}

export interface PlanPricing {
  readonly tasks: readonly TaskPrice[];
  readonly total: Money;
}

/** The highest minimum level among the task's skills (1 when it lists none). */
export function pricingSkillLevel(task: Pick<PlannedTask, 'skills'>): SkillLevel {
  return task.skills.reduce<SkillLevel>(
    (max, s) => (isSkillLevel(s.minLevel) && s.minLevel > max ? s.minLevel : max),
    1,
  );
}

export function taskHourlyRateCents(task: Pick<PlannedTask, 'skills'>, rateCard: RateCard): number {
  return rateCard[pricingSkillLevel(task)];
}

/**
 * PERT expected hours × the hourly rate of the highest skill level the task
 * asks for, rounded to whole cents. Computed as round((o + 4l + p) × rate / 6)
 * so only one rounding happens.
 */
export function priceTask(
  task: Pick<PlannedTask, 'key' | 'skills' | 'estimate'>,
  settings: PricingSettings,
): Money {
  if (!isWellFormedEstimate(task.estimate)) {
    throw DomainError.badInput(`Task ${task.key} has an invalid estimate and cannot be priced`, {
      key: task.key,
    });
  }
  const { optimistic, likely, pessimistic } = task.estimate;
  const rate = taskHourlyRateCents(task, settings.rateCard);
  return money(Math.round(((optimistic + 4 * likely + pessimistic) * rate) / 6), settings.currency);
}

/** Every task's price and the total, summed in whole cents. */
export function pricePlan(plan: Pick<Plan, 'tasks'>, settings: PricingSettings): PlanPricing {
  const prices = plan.tasks.map((task) => {
    const price = priceTask(task, settings);
    return {
      taskKey: task.key,
      expectedHours: pertExpectedHours(task.estimate),
      skillLevel: pricingSkillLevel(task),
      hourlyRateCents: taskHourlyRateCents(task, settings.rateCard),
      price,
    };
  });
  const totalCents = prices.reduce((sum, p) => sum + p.price.amountCents, 0);
  return { tasks: prices, total: money(totalCents, settings.currency) };
}
