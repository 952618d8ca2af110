import { Money, money, subtractMoney } from '@splitwork/kernel';
import { pertExpectedHours } from './estimate';
import { checkCoverage, CoverageStrength } from './coverage-check';
import { computeCoverage } from './plan-coverage';
import { Plan, Platform, PLATFORMS, RequirementKind } from './plan.types';
import { pricePlan, PricingSettings } from './pricing';

export interface HoursTotals {
  readonly optimistic: number;
  readonly likely: number;
  readonly pessimistic: number;
  /** Sum of the PERT expected hours. */
  readonly expected: number;
}

export interface PlanTotals {
  readonly taskCount: number;
  readonly featureCount: number;
  readonly requirementCount: number;
  readonly hours: HoursTotals;
  readonly price: Money;
}

export interface PlatformTotals {
  readonly platform: Platform;
  readonly taskCount: number;
  readonly likelyHours: number;
  readonly priceCents: number;
}

export interface BudgetComparison {
  readonly budgetCents: number;
  readonly totalCents: number;
  readonly currency: Money['currency'];
  readonly overBudget: boolean;
  /** How much the plan exceeds the budget; 0 when it fits. */
  readonly overByCents: number;
  /** How much of the budget is left; 0 when over. */
  readonly remainingCents: number;
}

export interface CoverageEntry {
  readonly requirementId: string;
  readonly text: string;
  readonly kind: RequirementKind;
  readonly line: number;
  readonly taskKeys: readonly string[];
  /** Whether the traced tasks say in their own words that they build the line. */
  readonly strength: CoverageStrength;
}

export interface CoverageReport {
  readonly entries: readonly CoverageEntry[];
  readonly totalCount: number;
  /** Requirements built for sure: STRONG ones only. */
  readonly coveredCount: number;
  /** Requirements some task traces to, whatever it builds. */
  readonly tracedCount: number;
  readonly strongCount: number;
  readonly weakCount: number;
  readonly missingCount: number;
  /** Requirements no task traces to. */
  readonly uncoveredIds: readonly string[];
  /** Whole percent of STRONG requirements, rounded down so 99.6 % never shows as 100 %. */
  readonly coveragePercent: number;
}

export interface PlanSummary {
  readonly totals: PlanTotals;
  readonly byPlatform: readonly PlatformTotals[];
  readonly coverage: CoverageReport;
  readonly budget?: BudgetComparison;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Compares a plan total with a budget in the same currency (throws on a currency mismatch). */
export function compareBudget(total: Money, budget: Money): BudgetComparison {
  const difference = subtractMoney(total, budget).amountCents;
  return {
    budgetCents: budget.amountCents,
    totalCents: total.amountCents,
    currency: total.currency,
    overBudget: difference > 0,
    overByCents: Math.max(0, difference),
    remainingCents: Math.max(0, -difference),
  };
}

/**
 * Every requirement with the tasks tracing to it and how strongly they
 * build it, computed from the tasks themselves. Only STRONG requirements
 * count as covered: a trace alone proves nothing.
 */
export function buildCoverageReport(plan: Plan): CoverageReport {
  const coverage = computeCoverage(plan.requirements, plan.tasks);
  const strengths = checkCoverage(plan.requirements, plan.tasks);
  const entries = plan.requirements.map((r, i) => ({
    requirementId: r.id,
    text: r.text,
    kind: r.kind,
    line: r.line,
    taskKeys: coverage.requirements[i].taskKeys,
    strength: strengths.get(r.id) ?? 'MISSING',
  }));
  const count = (strength: CoverageStrength): number =>
    entries.filter((e) => e.strength === strength).length;
  const totalCount = entries.length;
  const strongCount = count('STRONG');
  return {
    entries,
    totalCount,
    coveredCount: strongCount,
    tracedCount: totalCount - coverage.uncoveredRequirementIds.length,
    strongCount,
    weakCount: count('WEAK'),
    missingCount: count('MISSING'),
    uncoveredIds: coverage.uncoveredRequirementIds,
    coveragePercent: totalCount === 0 ? 100 : Math.floor((strongCount * 100) / totalCount),
  };
}

/** Totals, per-platform breakdown, coverage and (optionally) the budget comparison of a plan. */
export function summarizePlan(
  plan: Plan,
  settings: PricingSettings,
  options: { readonly budget?: Money } = {},
): PlanSummary {
  const pricing = pricePlan(plan, settings);
  const priceByKey = new Map(pricing.tasks.map((p) => [p.taskKey, p.price.amountCents]));
  const sum = (pick: (t: Plan['tasks'][number]) => number): number =>
    round2(plan.tasks.reduce((s, t) => s + pick(t), 0));
  const totals: PlanTotals = {
    taskCount: plan.tasks.length,
    featureCount: plan.features.length,
    requirementCount: plan.requirements.length,
    hours: {
      optimistic: sum((t) => t.estimate.optimistic),
      likely: sum((t) => t.estimate.likely),
      pessimistic: sum((t) => t.estimate.pessimistic),
      expected: sum((t) => pertExpectedHours(t.estimate)),
    },
    price: pricing.total,
  };
  const byPlatform = PLATFORMS.map((platform) => {
    const tasks = plan.tasks.filter((t) => t.platform === platform);
    return {
      platform,
      taskCount: tasks.length,
      likelyHours: round2(tasks.reduce((s, t) => s + t.estimate.likely, 0)),
      priceCents: tasks.reduce((s, t) => s + (priceByKey.get(t.key) ?? 0), 0),
    };
  }).filter((p) => p.taskCount > 0);
  const budget = options.budget
    ? compareBudget(money(pricing.total.amountCents, settings.currency), options.budget)
    : undefined;
  return {
    totals,
    byPlatform,
    coverage: buildCoverageReport(plan),
    ...(budget ? { budget } : {}),
  };
}
