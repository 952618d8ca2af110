import { Currency, DomainError } from '@splitwork/kernel';
import { DurationDistribution, durationSampler } from './duration-sampler';
import { isWellFormedEstimate, pertExpectedHours } from './estimate';
import { IndexHeap } from './index-heap';
import { Plan, PlannedTask } from './plan.types';
import { PricingSettings, pricingSkillLevel, taskHourlyRateCents } from './pricing';
import { hashString, mulberry32, Random } from './prng';
import { topologicalOrder } from './task-graph';

export interface ForecastOptions {
  /** Monte Carlo iterations; default 2000. */
  readonly iterations?: number;
  /** Freelancers working in parallel; default 3. */
  readonly freelancers?: number;
  /** Working hours in a day, to turn hours into days; default 8. */
  readonly hoursPerDay?: number;
  /** Default `pert` (beta); `triangular` is the other choice. */
  readonly distribution?: DurationDistribution;
  /** Default: a hash of the tasks and options, so the same plan always gives the same forecast. */
  readonly seed?: number;
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
}

export interface Forecast {
  readonly iterations: number;
  readonly freelancers: number;
  readonly hoursPerDay: number;
  readonly distribution: DurationDistribution;
  readonly seed: number;
  readonly cost: {
    readonly currency: Currency;
    readonly p50Cents: number;
    readonly p90Cents: number;
    readonly meanCents: number;
  };
  /** Calendar duration in working hours with the given number of freelancers. */
  readonly durationHours: Percentiles;
  /** The same in whole working days. */
  readonly durationDays: Percentiles;
  /** Longest chain of dependencies by PERT expected hours, first task first. */
  readonly criticalPath: {
    readonly taskKeys: readonly string[];
    readonly expectedHours: number;
  };
}

const DEFAULT_ITERATIONS = 2000;
const MAX_ITERATIONS = 100_000;
const DEFAULT_FREELANCERS = 3;
const MAX_FREELANCERS = 1000;
const DEFAULT_HOURS_PER_DAY = 8;

interface Graph {
  readonly order: readonly PlannedTask[];
  /** Dependents of each task, as positions in `order`. */
  readonly dependents: readonly number[][];
  readonly deps: readonly number[][];
}

function buildGraph(tasks: readonly PlannedTask[]): Graph {
  const order = topologicalOrder(tasks);
  const position = new Map<string, number>();
  order.forEach((t, i) => {
    if (!position.has(t.key)) position.set(t.key, i);
  });
  const deps = order.map((t) => [
    ...new Set(t.dependsOn.map((k) => position.get(k)).filter((i): i is number => i !== undefined)),
  ]);
  const dependents: number[][] = order.map(() => []);
  deps.forEach((d, i) => d.forEach((j) => dependents[j].push(i)));
  return { order, deps, dependents };
}

function checkedOptions(options: ForecastOptions): Required<Omit<ForecastOptions, 'seed'>> {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const freelancers = options.freelancers ?? DEFAULT_FREELANCERS;
  const hoursPerDay = options.hoursPerDay ?? DEFAULT_HOURS_PER_DAY;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw DomainError.badInput(`Iterations must be a whole number from 1 to ${MAX_ITERATIONS}`);
  }
  if (!Number.isInteger(freelancers) || freelancers < 1 || freelancers > MAX_FREELANCERS) {
    throw DomainError.badInput(`Freelancers must be a whole number from 1 to ${MAX_FREELANCERS}`);
  }
  if (!Number.isFinite(hoursPerDay) || hoursPerDay <= 0 || hoursPerDay > 24) {
    throw DomainError.badInput('Hours per day must be more than 0 and at most 24');
  }
  return { iterations, freelancers, hoursPerDay, distribution: options.distribution ?? 'pert' };
}

/** A seed derived from everything that shapes the forecast. */
export function forecastSeed(
  tasks: readonly PlannedTask[],
  options: Required<Omit<ForecastOptions, 'seed'>>,
): number {
  const fingerprint = tasks.map((t) => [
    t.key,
    t.estimate.optimistic,
    t.estimate.likely,
    t.estimate.pessimistic,
    pricingSkillLevel(t),
    t.dependsOn,
  ]);
  return hashString(JSON.stringify([fingerprint, options]));
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function criticalPath(graph: Graph): { taskKeys: string[]; expectedHours: number } {
  const n = graph.order.length;
  if (n === 0) return { taskKeys: [], expectedHours: 0 };
  const best = new Float64Array(n);
  const previous = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let longest = 0;
    for (const d of graph.deps[i]) {
      if (previous[i] === -1 || best[d] > longest) {
        longest = best[d];
        previous[i] = d;
      }
    }
    best[i] = pertExpectedHours(graph.order[i].estimate) + longest;
  }
  let end = 0;
  for (let i = 1; i < n; i++) if (best[i] > best[end]) end = i;
  const path: string[] = [];
  for (let i = end; i !== -1; i = previous[i]) path.unshift(graph.order[i].key);
  return { taskKeys: path, expectedHours: round2(best[end]) };
}

/** List scheduling: whenever a freelancer is free, the ready task with the longest tail starts. */
class Scheduler {
  private readonly remaining: Int32Array;
  private readonly indegree: Int32Array;
  private readonly finish: Float64Array;
  private readonly ready: IndexHeap;
  private readonly running: IndexHeap;

  constructor(
    private readonly graph: Graph,
    private readonly freelancers: number,
  ) {
    const n = graph.order.length;
    this.indegree = Int32Array.from(graph.deps.map((d) => d.length));
    this.remaining = new Int32Array(n);
    this.finish = new Float64Array(n);
    const tail = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let longest = 0;
      for (const d of graph.dependents[i]) longest = Math.max(longest, tail[d]);
      tail[i] = pertExpectedHours(graph.order[i].estimate) + longest;
    }
    const priority = tail.map((t) => -t);
    this.ready = new IndexHeap(n, priority);
    this.running = new IndexHeap(n, this.finish);
  }

  /** Calendar hours until the last task finishes. */
  makespan(durations: Float64Array): number {
    const n = durations.length;
    this.remaining.set(this.indegree);
    this.ready.clear();
    this.running.clear();
    for (let i = 0; i < n; i++) if (this.remaining[i] === 0) this.ready.push(i);
    let time = 0;
    let free = this.freelancers;
    let done = 0;
    while (done < n) {
      while (free > 0 && this.ready.size > 0) {
        const task = this.ready.pop();
        this.finish[task] = time + durations[task];
        this.running.push(task);
        free -= 1;
      }
      time = this.finish[this.running.peek()];
      while (this.running.size > 0 && this.finish[this.running.peek()] <= time) {
        const task = this.running.pop();
        free += 1;
        done += 1;
        for (const d of this.graph.dependents[task]) {
          this.remaining[d] -= 1;
          if (this.remaining[d] === 0) this.ready.push(d);
        }
      }
    }
    return time;
  }
}

/**
 * Monte Carlo forecast of cost and calendar duration. Each iteration draws
 * every task's hours from its three-point estimate (PERT-beta by default),
 * prices them at the task's rate, and schedules the tasks on N freelancers
 * respecting dependencies. Seeded, so the same plan and options always give
 * the same numbers. Throws on a dependency cycle or an invalid estimate.
 */
export function forecastPlan(
  plan: Pick<Plan, 'tasks'>,
  settings: PricingSettings,
  options: ForecastOptions = {},
): Forecast {
  const checked = checkedOptions(options);
  const invalid = plan.tasks.find((t) => !isWellFormedEstimate(t.estimate));
  if (invalid) {
    throw DomainError.badInput(
      `Task ${invalid.key} has an invalid estimate; fix it before forecasting`,
    );
  }
  const graph = buildGraph(plan.tasks);
  const seed = options.seed ?? forecastSeed(plan.tasks, checked);
  const random: Random = mulberry32(seed);
  const n = graph.order.length;
  const shapes = new Map<string, Float64Array>();
  const samplers = graph.order.map((t) =>
    durationSampler(t.estimate, checked.distribution, shapes),
  );
  const rates = graph.order.map((t) => taskHourlyRateCents(t, settings.rateCard));
  const scheduler = new Scheduler(graph, checked.freelancers);
  const durations = new Float64Array(n);
  const costs = new Float64Array(checked.iterations);
  const spans = new Float64Array(checked.iterations);
  for (let it = 0; it < checked.iterations; it++) {
    let cost = 0;
    for (let i = 0; i < n; i++) {
      durations[i] = samplers[i](random);
      cost += durations[i] * rates[i];
    }
    costs[it] = Math.round(cost);
    spans[it] = n === 0 ? 0 : scheduler.makespan(durations);
  }
  const meanCents = Math.round(costs.reduce((s, c) => s + c, 0) / checked.iterations);
  costs.sort();
  spans.sort();
  const hours = { p50: round2(percentile(spans, 0.5)), p90: round2(percentile(spans, 0.9)) };
  const days = (h: number): number => Math.ceil(h / checked.hoursPerDay - 1e-9);
  return {
    ...checked,
    seed,
    cost: {
      currency: settings.currency,
      p50Cents: percentile(costs, 0.5),
      p90Cents: percentile(costs, 0.9),
      meanCents,
    },
    durationHours: hours,
    durationDays: { p50: days(hours.p50), p90: days(hours.p90) },
    criticalPath: criticalPath(graph),
  };
}
