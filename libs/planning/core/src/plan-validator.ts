import { DEFAULT_SIZE_BAND } from './plan-settings';
import { Estimate, Plan, PlannedTask, SizeBand } from './plan.types';
import { describeCycle, findCycles } from './task-graph';

export const PLAN_ISSUE_CODES = [
  'DUPLICATE_KEY',
  'UNKNOWN_FEATURE',
  'SELF_DEPENDENCY',
  'UNKNOWN_DEPENDENCY',
  'CYCLE',
  'ESTIMATE_INVALID',
  'ESTIMATE_OUT_OF_BAND',
  'EMPTY_CRITERIA',
  'UNKNOWN_REQUIREMENT',
  'UNCOVERED_REQUIREMENT',
] as const;
export type PlanIssueCode = (typeof PLAN_ISSUE_CODES)[number];

export interface PlanIssue {
  readonly code: PlanIssueCode;
  /** Plain English, precise enough to be sent back to a model to repair the plan. */
  readonly message: string;
  readonly taskKey?: string;
  readonly requirementId?: string;
  /** For CYCLE: the keys along the cycle. */
  readonly cycle?: readonly string[];
}

export interface ValidationOptions {
  readonly sizeBand?: SizeBand;
}

/** A likely estimate this many times the band maximum is not a micro-task estimate but a mistake. */
const ABSURD_BAND_MULTIPLE = 10;

/** Why an estimate cannot be right, or undefined when it is plausible. */
function estimateProblem(estimate: Estimate, band: SizeBand): string | undefined {
  const points = [estimate.optimistic, estimate.likely, estimate.pessimistic];
  if (!points.every((h) => typeof h === 'number' && Number.isFinite(h))) {
    return 'has a non-finite estimate';
  }
  if (points.some((h) => h < 0)) return 'has a negative estimate';
  if (estimate.optimistic > estimate.likely || estimate.likely > estimate.pessimistic) {
    return `estimate is out of order (optimistic ${estimate.optimistic} <= likely ${estimate.likely} <= pessimistic ${estimate.pessimistic} does not hold)`;
  }
  if (estimate.likely > ABSURD_BAND_MULTIPLE * band.maxHours) {
    return `likely estimate of ${estimate.likely} h is more than ${ABSURD_BAND_MULTIPLE} times the band maximum of ${band.maxHours} h`;
  }
  return undefined;
}

function taskIssues(
  task: PlannedTask,
  context: {
    keys: ReadonlySet<string>;
    features: ReadonlySet<string>;
    requirements: ReadonlySet<string>;
    band: SizeBand;
  },
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const taskKey = task.key;
  if (!context.features.has(task.featureKey)) {
    issues.push({
      code: 'UNKNOWN_FEATURE',
      message: `Task ${taskKey} belongs to unknown feature "${task.featureKey}"`,
      taskKey,
    });
  }
  for (const dep of new Set(task.dependsOn)) {
    if (dep === taskKey) {
      issues.push({
        code: 'SELF_DEPENDENCY',
        message: `Task ${taskKey} depends on itself`,
        taskKey,
      });
    } else if (!context.keys.has(dep)) {
      issues.push({
        code: 'UNKNOWN_DEPENDENCY',
        message: `Task ${taskKey} depends on unknown task "${dep}"`,
        taskKey,
      });
    }
  }
  const problem = estimateProblem(task.estimate, context.band);
  if (problem) {
    issues.push({ code: 'ESTIMATE_INVALID', message: `Task ${taskKey} ${problem}`, taskKey });
  } else if (
    task.estimate.likely < context.band.minHours ||
    task.estimate.likely > context.band.maxHours
  ) {
    issues.push({
      code: 'ESTIMATE_OUT_OF_BAND',
      message: `Task ${taskKey} has a likely estimate of ${task.estimate.likely} h, outside the ${context.band.minHours}–${context.band.maxHours} h band; split or merge it`,
      taskKey,
    });
  }
  if (task.acceptanceCriteria.every((c) => c.trim().length === 0)) {
    issues.push({
      code: 'EMPTY_CRITERIA',
      message: `Task ${taskKey} has no acceptance criteria a reviewer could score`,
      taskKey,
    });
  }
  for (const id of new Set(task.requirementIds)) {
    if (!context.requirements.has(id)) {
      issues.push({
        code: 'UNKNOWN_REQUIREMENT',
        message: `Task ${taskKey} traces to unknown requirement "${id}"`,
        taskKey,
        requirementId: id,
      });
    }
  }
  return issues;
}

/**
 * Every semantic problem of a plan, in a stable order: per task in plan order
 * (duplicate keys, unknown feature, dependencies, estimates, criteria,
 * requirements), then cycles, then uncovered requirements. Coverage is
 * computed from the tasks, never taken from `plan.coverage`. An empty list
 * means the plan is sound.
 */
export function validatePlan(plan: Plan, options: ValidationOptions = {}): PlanIssue[] {
  const band = options.sizeBand ?? DEFAULT_SIZE_BAND;
  const issues: PlanIssue[] = [];
  const keys = new Set<string>();
  const context = {
    keys: new Set(plan.tasks.map((t) => t.key)),
    features: new Set(plan.features.map((f) => f.key)),
    requirements: new Set(plan.requirements.map((r) => r.id)),
    band,
  };
  for (const task of plan.tasks) {
    if (keys.has(task.key)) {
      issues.push({
        code: 'DUPLICATE_KEY',
        message: `Task key "${task.key}" is used more than once`,
        taskKey: task.key,
      });
    }
    keys.add(task.key);
    issues.push(...taskIssues(task, context));
  }
  for (const cycle of findCycles(plan.tasks)) {
    issues.push({
      code: 'CYCLE',
      message: `Dependency cycle: ${describeCycle(cycle)}`,
      taskKey: cycle[0],
      cycle,
    });
  }
  const traced = new Set(plan.tasks.flatMap((t) => t.requirementIds));
  for (const requirement of plan.requirements) {
    if (traced.has(requirement.id)) continue;
    const note = requirement.flags?.includes('instruction-like')
      ? ' (it reads like an instruction to the planner, so it was treated as data and not planned)'
      : '';
    issues.push({
      code: 'UNCOVERED_REQUIREMENT',
      message: `Requirement ${requirement.id} is not covered by any task${note}: "${requirement.text}"`,
      requirementId: requirement.id,
    });
  }
  return issues;
}

export function isPlanValid(plan: Plan, options: ValidationOptions = {}): boolean {
  return validatePlan(plan, options).length === 0;
}
