import { DomainError } from '@splitwork/kernel';
import { pertExpectedHours } from '../estimate';
import { forecastPlan } from '../forecast';
import { planOffline } from '../offline-planner';
import { resolvePlanSettings } from '../plan-settings';
import { PlannedTask } from '../plan.types';
import { pricePlan } from '../pricing';
import { BRIEF_FIXTURES } from './fixtures/briefs.fixture';
import { aPlan, aTask } from './support/plan-builders';

const settings = resolvePlanSettings({ targetPlatforms: ['WEB', 'IOS', 'ANDROID', 'BACKEND'] });
const plan = planOffline(BRIEF_FIXTURES[1].brief, settings);

/** A plan of `n` tasks in layers of ten, each depending on two tasks of the layer before. */
function layeredTasks(n: number): PlannedTask[] {
  return Array.from({ length: n }, (_, i) =>
    aTask({
      key: `t${i}`,
      estimate: { optimistic: 1 + (i % 2) / 2, likely: 2 + (i % 5), pessimistic: 7 + (i % 7) },
      dependsOn: i < 10 ? [] : [`t${i - 10}`, `t${i - 10 - (i % 10 === 0 ? 0 : 1)}`],
    }),
  );
}

describe('forecastPlan', () => {
  it('gives P90 at or above P50 for cost and duration', () => {
    const forecast = forecastPlan(plan, settings);

    expect(forecast.iterations).toBe(2000);
    expect(forecast.cost.p90Cents).toBeGreaterThanOrEqual(forecast.cost.p50Cents);
    expect(forecast.durationHours.p90).toBeGreaterThanOrEqual(forecast.durationHours.p50);
    expect(forecast.durationDays.p90).toBeGreaterThanOrEqual(forecast.durationDays.p50);
    expect(Number.isInteger(forecast.cost.p50Cents)).toBe(true);
    expect(Number.isInteger(forecast.cost.p90Cents)).toBe(true);
  });

  it('gives the same forecast for the same plan, and other numbers for another seed', () => {
    const first = forecastPlan(plan, settings, { iterations: 500 });
    const again = forecastPlan(planOffline(BRIEF_FIXTURES[1].brief, settings), settings, {
      iterations: 500,
    });
    const reseeded = forecastPlan(plan, settings, { iterations: 500, seed: first.seed + 1 });

    expect(again).toEqual(first);
    expect(reseeded.cost.p50Cents).not.toBe(first.cost.p50Cents);
  });

  it('centres the simulated cost on the PERT price of the plan', () => {
    const forecast = forecastPlan(plan, settings, { iterations: 4000 });
    const priced = pricePlan(plan, settings).total.amountCents;

    expect(Math.abs(forecast.cost.meanCents - priced) / priced).toBeLessThan(0.01);
    expect(forecast.cost.p50Cents).toBeGreaterThan(priced * 0.95);
    expect(forecast.cost.p50Cents).toBeLessThan(priced * 1.05);
  });

  it('returns a critical path that is a valid dependency chain from a start task', () => {
    const { criticalPath } = forecastPlan(plan, settings, { iterations: 10 });
    const byKey = new Map(plan.tasks.map((t) => [t.key, t]));

    expect(criticalPath.taskKeys.length).toBeGreaterThan(3);
    expect(byKey.get(criticalPath.taskKeys[0])?.dependsOn).toEqual([]);
    for (let i = 1; i < criticalPath.taskKeys.length; i++) {
      expect(byKey.get(criticalPath.taskKeys[i])?.dependsOn).toContain(
        criticalPath.taskKeys[i - 1],
      );
    }
    const hours = criticalPath.taskKeys.reduce(
      (s, k) => s + pertExpectedHours(byKey.get(k)!.estimate),
      0,
    );
    expect(criticalPath.expectedHours).toBeCloseTo(hours, 1);
    expect(criticalPath.taskKeys[criticalPath.taskKeys.length - 1]).toBe('release-launch-1');
  });

  it('picks the longest chain as the critical path', () => {
    const small = aPlan([
      aTask({ key: 'a', estimate: { optimistic: 1, likely: 1, pessimistic: 1 } }),
      aTask({ key: 'b', estimate: { optimistic: 5, likely: 5, pessimistic: 5 } }),
      aTask({
        key: 'c',
        estimate: { optimistic: 2, likely: 2, pessimistic: 2 },
        dependsOn: ['a', 'b'],
      }),
    ]);

    const forecast = forecastPlan(small, settings, { iterations: 5, freelancers: 2 });

    expect(forecast.criticalPath).toEqual({ taskKeys: ['b', 'c'], expectedHours: 7 });
    expect(forecast.durationHours).toEqual({ p50: 7, p90: 7 });
  });

  it('schedules respecting dependencies and the number of freelancers', () => {
    const parallel = aPlan(
      ['a', 'b', 'c', 'd'].map((key) =>
        aTask({ key, estimate: { optimistic: 4, likely: 4, pessimistic: 4 } }),
      ),
    );

    const hours = (freelancers: number) =>
      forecastPlan(parallel, settings, { iterations: 3, freelancers }).durationHours.p50;

    expect([hours(1), hours(2), hours(4), hours(10)]).toEqual([16, 8, 4, 4]);
    expect(
      forecastPlan(parallel, settings, { iterations: 3, freelancers: 1, hoursPerDay: 6 })
        .durationDays.p50,
    ).toBe(3);
  });

  it('takes longer with fewer freelancers on a real plan', () => {
    const solo = forecastPlan(plan, settings, { iterations: 300, freelancers: 1, seed: 7 });
    const team = forecastPlan(plan, settings, { iterations: 300, freelancers: 5, seed: 7 });

    expect(solo.durationHours.p50).toBeGreaterThan(team.durationHours.p50 * 2);
    expect(team.durationHours.p50).toBeGreaterThanOrEqual(team.criticalPath.expectedHours * 0.8);
    expect(solo.cost).toEqual(team.cost);
  });

  it('supports triangular sampling within the three-point range', () => {
    const fixed = aPlan([
      aTask({ key: 'a', estimate: { optimistic: 2, likely: 3, pessimistic: 10 } }),
    ]);

    const forecast = forecastPlan(fixed, settings, {
      iterations: 1000,
      distribution: 'triangular',
      freelancers: 1,
    });

    expect(forecast.durationHours.p50).toBeGreaterThan(2);
    expect(forecast.durationHours.p90).toBeLessThanOrEqual(10);
    expect(forecast.durationHours.p50).toBeLessThan(forecast.durationHours.p90);
  });

  it('follows the longest chain of a large layered plan', () => {
    const big = aPlan(layeredTasks(300));

    const forecast = forecastPlan(big, settings, { iterations: 50, freelancers: 8 });

    expect(forecast.criticalPath.taskKeys).toHaveLength(30);
    expect(forecast.durationHours.p50).toBeGreaterThanOrEqual(
      forecast.criticalPath.expectedHours * 0.8,
    );
  });

  it('forecasts a 300-task plan over 2000 iterations with 8 freelancers: one task per layer on the critical path, P50 at most P90', () => {
    const forecast = forecastPlan(aPlan(layeredTasks(300)), settings, {
      iterations: 2000,
      freelancers: 8,
    });

    expect(forecast.iterations).toBe(2000);
    expect(forecast.freelancers).toBe(8);
    expect(forecast.criticalPath.taskKeys).toHaveLength(30);
    expect(forecast.durationHours.p50).toBeGreaterThan(0);
    expect(forecast.durationHours.p50).toBeLessThanOrEqual(forecast.durationHours.p90);
    expect(forecast.cost.p50Cents).toBeLessThanOrEqual(forecast.cost.p90Cents);
  });

  it('handles an empty plan and refuses cycles and bad options', () => {
    expect(forecastPlan(aPlan([]), settings, { iterations: 10 }).durationHours).toEqual({
      p50: 0,
      p90: 0,
    });
    const cyclic = aPlan([
      aTask({ key: 'a', dependsOn: ['b'] }),
      aTask({ key: 'b', dependsOn: ['a'] }),
    ]);
    expect(() => forecastPlan(cyclic, settings)).toThrow(/cycle/);
    expect(() => forecastPlan(plan, settings, { iterations: 0 })).toThrow(DomainError);
    expect(() => forecastPlan(plan, settings, { freelancers: 1.5 })).toThrow(DomainError);
    expect(() => forecastPlan(plan, settings, { hoursPerDay: 0 })).toThrow(DomainError);
  });
});
