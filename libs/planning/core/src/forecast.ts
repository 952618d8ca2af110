import { Currency, DomainError } from '@splitwork/kernel';
import { DurationDistribution, durationSampler } from './duration-sampler';
import { isWellFormedEstimate, pertExpectedHours } from './estimate';
import { IndexHeap } from './index-heap';
import { normalSource, standardNormalCdf } from './normal-distribution';
import { Plan, PlannedTask } from './plan.types';
import { pricePlan, PricingSettings, pricingSkillLevel, taskHourlyRateCents } from './pricing';
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
  /**
   * Shares of each task's estimation error that are common to the whole
   * project and to the tasks of one skill; default {@link DEFAULT_CORRELATION}.
   * `{ project: 0, skill: 0 }` samples every task independently.
   */
  readonly correlation?: Partial<ForecastCorrelation>;
}

export interface ForecastCorrelation {
  /** ρp: share of the variance of every task's latent error shared by the whole project. */
  readonly project: number;
  /** ρs: share shared by the tasks whose main skill is the same. */
  readonly skill: number;
}

/**
 * Defaults in the spirit of reference-class forecasting: most of the error of
 * one estimate is not the task's own but the project's (an unclear brief, a
 * new client, optimism of whoever estimated) and the technology's (a stack
 * that fights back). With ρp = 0.35 and ρs = 0.25 two tasks of one skill
 * correlate at 0.6 and any two tasks at 0.35.
 */
export const DEFAULT_CORRELATION: ForecastCorrelation = { project: 0.35, skill: 0.25 };

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
  readonly correlation: ForecastCorrelation;
  /**
   * What the owner pays: the sum of the tasks' fixed prices (PERT expected
   * hours × rate). It does not vary with how the work goes.
   */
  readonly fixedPrice: { readonly currency: Currency; readonly amountCents: number };
  /**
   * Value of the sampled effort at the rate card. Not what the owner pays (the
   * tasks are fixed price); compare it with `fixedPrice` to see the risk.
   */
  readonly cost: {
    readonly currency: Currency;
    readonly p50Cents: number;
    readonly p90Cents: number;
    readonly meanCents: number;
  };
  /** Hours of work in the plan: priced (PERT expected) and sampled. */
  readonly effortHours: Percentiles & { readonly priced: number };
  /**
   * Rework and overrun risk: effort beyond the fixed price of the tasks that
   * run over. Underruns elsewhere do not offset it (another freelancer gains
   * them), so this is the work at risk of being redone, disputed or abandoned.
   */
  readonly overrun: {
    /** Share of runs in which the plan's total effort exceeds its priced hours. */
    readonly probability: number;
    readonly hours: Percentiles;
    /** The overrun hours at each task's rate, in minor units. */
    readonly cents: Percentiles;
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

type CheckedOptions = Required<Omit<ForecastOptions, 'seed' | 'correlation'>> & {
  readonly correlation: ForecastCorrelation;
};

function checkedCorrelation(given: Partial<ForecastCorrelation> = {}): ForecastCorrelation {
  const project = given.project ?? DEFAULT_CORRELATION.project;
  const skill = given.skill ?? DEFAULT_CORRELATION.skill;
  const share = (x: number): boolean => Number.isFinite(x) && x >= 0 && x <= 1;
  if (!share(project) || !share(skill) || project + skill > 1) {
    throw DomainError.badInput(
      'Correlation shares must lie between 0 and 1 and add up to at most 1',
    );
  }
  return { project, skill };
}

function checkedOptions(options: ForecastOptions): CheckedOptions {
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
  return {
    iterations,
    freelancers,
    hoursPerDay,
    distribution: options.distribution ?? 'pert',
    correlation: checkedCorrelation(options.correlation),
  };
}

/** A seed derived from everything that shapes the forecast. */
export function forecastSeed(tasks: readonly PlannedTask[], options: CheckedOptions): number {
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

/** The skill whose factor a task shares: its highest-level skill, else its platform. */
function mainSkill(task: PlannedTask): string {
  const top = task.skills.reduce<PlannedTask['skills'][number] | undefined>(
    (best, s) => (best === undefined || s.minLevel > best.minLevel ? s : best),
    undefined,
  );
  return (top?.skill ?? task.platform).trim().toLowerCase();
}

/** A second, independent stream for the shared factors, so task draws stay as before. */
const FACTOR_STREAM = 0x9e3779b9;

/**
 * Monte Carlo forecast of duration, effort and overrun risk.
 *
 * Each task's hours follow its three-point estimate (PERT-beta by default,
 * CDF F_i). Sampling the tasks independently averages their risk away: the
 * sum of n independent errors grows like √n while the plan grows like n, so
 * P90 ends up a few percent above P50 however wide each estimate is. Real
 * estimation errors are shared (reference-class forecasting: a project's
 * tasks overrun together), so the draws are tied by a Gaussian copula with a
 * one-factor-per-level structure:
 *
 *   X_i = √ρp · Z_project + √ρs · Z_skill(i) + √(1 − ρp − ρs) · ε_i
 *   hours_i = F_i⁻¹(Φ(X_i))
 *
 * with Z_project, Z_skill, ε_i independent standard normals drawn anew each
 * iteration (one Z_skill per main skill). X_i is standard normal, so every
 * task keeps exactly its own three-point distribution (its mean is still the
 * PERT expected value the price is built on), while corr(X_i, X_j) is ρp + ρs
 * for two tasks of one skill and ρp otherwise. The variance of the plan's
 * total, Σ_i Σ_j σ_i σ_j corr_ij, no longer shrinks relative to its mean as
 * tasks are added, so P90 moves away from P50 as the estimates' spread says.
 * ρp = ρs = 0 is the independent model: then the uniform for each task is
 * drawn straight from the generator, giving the numbers of the old model.
 *
 * Tasks are fixed price to the owner, so the forecast separates what is
 * certain (`fixedPrice`, Σ PERT hours × rate) from what varies: calendar
 * duration (list scheduling on N freelancers respecting dependencies) and the
 * overrun risk, Σ_i max(0, hours_i − expected_i) per iteration, in hours and
 * at the tasks' rates. Seeded, so the same plan and options always give the
 * same numbers. Throws on a dependency cycle or an invalid estimate.
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
  const expected = graph.order.map((t) => pertExpectedHours(t.estimate));
  const pricedHours = expected.reduce((s, h) => s + h, 0);
  const skillNames = [...new Set(graph.order.map(mainSkill))];
  const skillOf = Int32Array.from(graph.order.map((t) => skillNames.indexOf(mainSkill(t))));
  const { project: rhoP, skill: rhoS } = checked.correlation;
  const independent = rhoP === 0 && rhoS === 0;
  const loadP = Math.sqrt(rhoP);
  const loadS = Math.sqrt(rhoS);
  const loadOwn = Math.sqrt(Math.max(0, 1 - rhoP - rhoS));
  const factorNormal = normalSource(mulberry32((seed ^ FACTOR_STREAM) >>> 0));
  const ownNormal = normalSource(random);
  const skillFactors = new Float64Array(skillNames.length);
  // Samplers read one uniform each; under correlation it is Φ(X_i), handed over here.
  let uniform = 0;
  const copula: Random = () => uniform;
  const scheduler = new Scheduler(graph, checked.freelancers);
  const durations = new Float64Array(n);
  const costs = new Float64Array(checked.iterations);
  const spans = new Float64Array(checked.iterations);
  const efforts = new Float64Array(checked.iterations);
  const overrunHours = new Float64Array(checked.iterations);
  const overrunCents = new Float64Array(checked.iterations);
  let overran = 0;
  for (let it = 0; it < checked.iterations; it++) {
    let cost = 0;
    let effort = 0;
    let overHours = 0;
    let overCost = 0;
    if (!independent) {
      const projectFactor = factorNormal();
      for (let k = 0; k < skillFactors.length; k++) {
        skillFactors[k] = loadP * projectFactor + loadS * factorNormal();
      }
    }
    for (let i = 0; i < n; i++) {
      if (independent) {
        durations[i] = samplers[i](random);
      } else {
        uniform = standardNormalCdf(skillFactors[skillOf[i]] + loadOwn * ownNormal());
        durations[i] = samplers[i](copula);
      }
      cost += durations[i] * rates[i];
      effort += durations[i];
      const over = durations[i] - expected[i];
      if (over > 0) {
        overHours += over;
        overCost += over * rates[i];
      }
    }
    costs[it] = Math.round(cost);
    efforts[it] = effort;
    overrunHours[it] = overHours;
    overrunCents[it] = Math.round(overCost);
    if (effort > pricedHours + 1e-9) overran += 1;
    spans[it] = n === 0 ? 0 : scheduler.makespan(durations);
  }
  const meanCents = Math.round(costs.reduce((s, c) => s + c, 0) / checked.iterations);
  for (const sample of [costs, spans, efforts, overrunHours, overrunCents]) sample.sort();
  const hours = { p50: round2(percentile(spans, 0.5)), p90: round2(percentile(spans, 0.9)) };
  const days = (h: number): number => Math.ceil(h / checked.hoursPerDay - 1e-9);
  return {
    ...checked,
    seed,
    fixedPrice: {
      currency: settings.currency,
      amountCents: pricePlan(plan, settings).total.amountCents,
    },
    cost: {
      currency: settings.currency,
      p50Cents: percentile(costs, 0.5),
      p90Cents: percentile(costs, 0.9),
      meanCents,
    },
    effortHours: {
      priced: round2(pricedHours),
      p50: round2(percentile(efforts, 0.5)),
      p90: round2(percentile(efforts, 0.9)),
    },
    overrun: {
      probability: round2(overran / checked.iterations),
      hours: {
        p50: round2(percentile(overrunHours, 0.5)),
        p90: round2(percentile(overrunHours, 0.9)),
      },
      cents: { p50: percentile(overrunCents, 0.5), p90: percentile(overrunCents, 0.9) },
    },
    durationHours: hours,
    durationDays: { p50: days(hours.p50), p90: days(hours.p90) },
    criticalPath: criticalPath(graph),
  };
}
