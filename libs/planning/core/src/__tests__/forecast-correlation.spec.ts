import { forecastPlan } from '../forecast';
import { standardNormalCdf } from '../normal-distribution';
import { resolvePlanSettings } from '../plan-settings';
import { PlannedTask, SkillLevel } from '../plan.types';
import { pricePlan } from '../pricing';
import { aPlan, aTask } from './support/plan-builders';

const settings = resolvePlanSettings({ targetPlatforms: ['WEB'] });
const SKILLS = ['react', 'nestjs', 'figma'];

/** 40 tasks of three skills in four chains; pessimistic hours about twice the likely ones. */
function chainTasks(n = 40): PlannedTask[] {
  return Array.from({ length: n }, (_, i) =>
    aTask({
      key: `t${i}`,
      skills: [{ skill: SKILLS[i % 3], minLevel: ((i % 3) + 2) as SkillLevel }],
      estimate: { optimistic: 1 + (i % 3), likely: 3 + (i % 4), pessimistic: 8 + (i % 6) },
      dependsOn: i < 4 ? [] : [`t${i - 4}`],
    }),
  );
}
const plan = aPlan(chainTasks());
const spread = (p: { p50: number; p90: number }): number => p.p90 / p.p50 - 1;

describe('forecastPlan with correlated estimation error', () => {
  it('recovers the independent model exactly when no error is shared', () => {
    const forecast = forecastPlan(plan, settings, {
      iterations: 1000,
      seed: 42,
      correlation: { project: 0, skill: 0 },
    });

    // The numbers of the model before correlation (same plan, seed and iterations).
    expect(forecast.cost).toEqual({
      currency: 'USD',
      p50Cents: 1327329,
      p90Cents: 1406788,
      meanCents: 1324880,
    });
    expect(forecast.durationHours).toEqual({ p50: 69.22, p90: 73.35 });
    expect(forecast.durationDays).toEqual({ p50: 9, p90: 10 });
  });

  it('widens the P50–P90 spread of effort, cost and duration as the shared factor grows', () => {
    const run = (project: number) =>
      forecastPlan(plan, settings, {
        iterations: 3000,
        seed: 7,
        correlation: { project, skill: 0 },
      });
    const [none, some, most] = [run(0), run(0.3), run(0.8)];
    const costSpread = (f: typeof none) => spread({ p50: f.cost.p50Cents, p90: f.cost.p90Cents });

    expect(costSpread(some)).toBeGreaterThan(costSpread(none) * 1.5);
    expect(costSpread(most)).toBeGreaterThan(costSpread(some) * 1.3);
    expect(spread(most.effortHours)).toBeGreaterThan(spread(none.effortHours) * 2);
    expect(spread(most.durationHours)).toBeGreaterThan(spread(none.durationHours) * 1.5);
    expect(most.overrun.hours.p90).toBeGreaterThan(none.overrun.hours.p90);
  });

  it('ties tasks of one skill together through the skill factor alone', () => {
    const run = (skill: number) =>
      forecastPlan(plan, settings, {
        iterations: 3000,
        seed: 7,
        correlation: { project: 0, skill },
      });

    expect(spread(run(0.6).effortHours)).toBeGreaterThan(spread(run(0).effortHours) * 1.5);
  });

  it('keeps each task centred on its PERT expectation, so the mean effort stays the priced hours', () => {
    const forecast = forecastPlan(plan, settings, {
      iterations: 6000,
      seed: 3,
      correlation: { project: 0.5, skill: 0.3 },
    });
    const priced = pricePlan(plan, settings).total.amountCents;

    expect(Math.abs(forecast.cost.meanCents - priced) / priced).toBeLessThan(0.02);
    expect(forecast.fixedPrice).toEqual({ currency: 'USD', amountCents: priced });
  });

  it('reports the fixed price apart from the overrun risk, which grows from P50 to P90', () => {
    const forecast = forecastPlan(plan, settings, { iterations: 2000, seed: 11 });

    expect(forecast.correlation).toEqual({ project: 0.35, skill: 0.25 });
    expect(forecast.effortHours.priced).toBeGreaterThan(0);
    expect(forecast.overrun.hours.p90).toBeGreaterThan(forecast.overrun.hours.p50);
    expect(forecast.overrun.cents.p90).toBeGreaterThan(forecast.overrun.cents.p50);
    expect(forecast.overrun.probability).toBeGreaterThan(0.2);
    expect(forecast.overrun.probability).toBeLessThan(0.8);
  });

  it('gives the same numbers for the same seed and other numbers for another', () => {
    const options = { iterations: 500, correlation: { project: 0.4, skill: 0.2 } };
    const first = forecastPlan(plan, settings, options);
    const again = forecastPlan(aPlan(chainTasks()), settings, options);
    const reseeded = forecastPlan(plan, settings, { ...options, seed: first.seed + 1 });

    expect(again).toEqual(first);
    expect(reseeded.cost.p50Cents).not.toBe(first.cost.p50Cents);
  });

  it('refuses correlation shares outside [0, 1] or adding up to more than 1', () => {
    for (const correlation of [{ project: -0.1 }, { skill: 1.2 }, { project: 0.7, skill: 0.4 }]) {
      expect(() => forecastPlan(plan, settings, { iterations: 10, correlation })).toThrow(
        /correlation/i,
      );
    }
  });

  it('computes the standard normal CDF to within 1e-6', () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 6);
    expect(standardNormalCdf(1.2815515655)).toBeCloseTo(0.9, 6);
    expect(standardNormalCdf(-1.959963985)).toBeCloseTo(0.025, 6);
  });
});
