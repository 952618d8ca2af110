import { DomainError } from '@splitwork/kernel';
import { computeCoverage } from './plan-coverage';
import { validatePlan } from './plan-validator';
import type {
  Estimate,
  Plan,
  PlannedTask,
  SizeBand,
  SkillRequirement,
  Platform,
} from './plan.types';

/** What an owner may change on one task; absent fields stay as they are. */
export interface TaskPatch {
  readonly title?: string;
  readonly description?: string;
  readonly acceptanceCriteria?: readonly string[];
  readonly estimate?: Estimate;
  readonly dependsOn?: readonly string[];
  readonly locked?: boolean;
}

export interface NewTask {
  readonly featureKey: string;
  readonly title: string;
  readonly description: string;
  readonly acceptanceCriteria: readonly string[];
  readonly skills: readonly SkillRequirement[];
  readonly platform: Platform;
  readonly estimate: Estimate;
  readonly dependsOn: readonly string[];
  readonly requirementIds: readonly string[];
}

/**
 * Refuses a plan with structural problems (unknown ids, cycles, estimates out
 * of the band...). An uncovered requirement is not refused: the owner may
 * drop work on purpose, and the coverage report shows it.
 */
export function assertEditablePlan(plan: Plan, band: SizeBand): Plan {
  const withCoverage = { ...plan, coverage: computeCoverage(plan.requirements, plan.tasks) };
  const issues = validatePlan(withCoverage, { sizeBand: band }).filter(
    (issue) => issue.code !== 'UNCOVERED_REQUIREMENT',
  );
  if (issues.length > 0) {
    throw DomainError.badInput(issues.map((i) => i.message).join('; '), {
      issues: issues.map((i) => ({ code: i.code, taskKey: i.taskKey, cycle: i.cycle })),
    });
  }
  return withCoverage;
}

function findTask(plan: Plan, key: string): PlannedTask {
  const task = plan.tasks.find((t) => t.key === key);
  if (!task) throw DomainError.notFound('Task', key);
  return task;
}

export function updateTask(plan: Plan, key: string, patch: TaskPatch, band: SizeBand): Plan {
  const task = findTask(plan, key);
  const updated: PlannedTask = {
    ...task,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.acceptanceCriteria !== undefined
      ? { acceptanceCriteria: [...patch.acceptanceCriteria] }
      : {}),
    ...(patch.estimate !== undefined ? { estimate: { ...patch.estimate } } : {}),
    ...(patch.dependsOn !== undefined ? { dependsOn: [...new Set(patch.dependsOn)] } : {}),
    ...(patch.locked !== undefined ? { locked: patch.locked } : {}),
  };
  const tasks = plan.tasks.map((t) => (t.key === key ? updated : t));
  return assertEditablePlan({ ...plan, tasks }, band);
}

/** Adds a task with a fresh key derived from its feature (`<feature>-custom-<n>`). */
export function addTask(plan: Plan, task: NewTask, band: SizeBand): { plan: Plan; key: string } {
  const keys = new Set(plan.tasks.map((t) => t.key));
  let n = 1;
  while (keys.has(`${task.featureKey}-custom-${n}`)) n++;
  const key = `${task.featureKey}-custom-${n}`;
  const added: PlannedTask = {
    ...task,
    key,
    addedByOwner: true,
    acceptanceCriteria: [...task.acceptanceCriteria],
    skills: [...task.skills],
    dependsOn: [...new Set(task.dependsOn)],
    requirementIds: [...new Set(task.requirementIds)],
  };
  return { plan: assertEditablePlan({ ...plan, tasks: [...plan.tasks, added] }, band), key };
}

/**
 * Removes a task; the tasks that waited for it now wait for what it waited
 * for, so the order of the remaining work is kept.
 */
export function removeTask(plan: Plan, key: string, band: SizeBand): Plan {
  const removed = findTask(plan, key);
  const tasks = plan.tasks
    .filter((t) => t.key !== key)
    .map((t) =>
      t.dependsOn.includes(key)
        ? {
            ...t,
            dependsOn: [
              ...new Set([...t.dependsOn.filter((d) => d !== key), ...removed.dependsOn]),
            ].filter((d) => d !== t.key),
          }
        : t,
    );
  if (tasks.length === 0) throw DomainError.badInput('A plan keeps at least one task');
  return assertEditablePlan({ ...plan, tasks }, band);
}

/** Plans stored before `addedByOwner` existed mark an added task only by its key. */
const OWNER_ADDED_KEY = /-custom-\d+$/;

/** A task the owner added: the flag, or the key `addTask` gives. */
export function isOwnerAdded(task: Pick<PlannedTask, 'key' | 'addedByOwner'>): boolean {
  return task.addedByOwner === true || OWNER_ADDED_KEY.test(task.key);
}

/** A task a re-plan keeps: added or locked by the owner. */
export function isOwnerTask(task: PlannedTask): boolean {
  return task.locked === true || isOwnerAdded(task);
}

/**
 * Re-plan keeping the owner's work: every task the owner added (until they
 * remove it) and every task they locked, from `previous`, replaces any new
 * task with the same key; an added task also keeps its feature when the new
 * plan has none of that key. Dependencies on tasks that no longer exist are
 * dropped, and the result is validated like any edit.
 */
export function mergeOwnerTasks(previous: Plan | null, next: Plan, band: SizeBand): Plan {
  const kept = previous?.tasks.filter(isOwnerTask) ?? [];
  if (kept.length === 0) return next;
  const keptKeys = new Set(kept.map((t) => t.key));
  const tasks = [...next.tasks.filter((t) => !keptKeys.has(t.key)), ...kept];
  const keys = new Set(tasks.map((t) => t.key));
  const features = [...next.features];
  for (const task of kept) {
    if (!features.some((f) => f.key === task.featureKey)) {
      const feature = previous!.features.find((f) => f.key === task.featureKey);
      if (feature) features.push(feature);
    }
  }
  const requirementIds = new Set(next.requirements.map((r) => r.id));
  const cleaned = tasks.map((t) => ({
    ...t,
    dependsOn: t.dependsOn.filter((d) => keys.has(d)),
    requirementIds: t.requirementIds.filter((id) => requirementIds.has(id)),
  }));
  return assertEditablePlan({ ...next, features, tasks: cleaned }, band);
}
