import { DomainError } from '@splitwork/kernel';
import { effectiveTaskState, TaskState } from './task-state';

/** A task of a funded project as release sees it. */
export interface ReleaseTask {
  readonly key: string;
  /** Keys of the tasks that must be approved first. */
  readonly dependsOn: readonly string[];
  readonly state: TaskState;
}

/** A blocked task that stays blocked, and what it waits for. */
export interface WaitingTask {
  readonly key: string;
  /** Dependencies not approved yet (in the order of `dependsOn`). */
  readonly pendingDependencies: readonly string[];
  /**
   * Pending dependencies that were cancelled: they will never be approved,
   * so the task cannot open until the owner edits its dependencies or
   * cancels it.
   */
  readonly cancelledDependencies: readonly string[];
}

export interface ReleasePlan {
  /** Keys to send RELEASE to, in input order. */
  readonly release: readonly string[];
  readonly waiting: readonly WaitingTask[];
}

export interface ReleaseOptions {
  /**
   * Only consider the direct dependents of this task (after its approval).
   * The list must still hold every dependency of those dependents.
   */
  readonly dependentsOf?: string;
}

/** A dependency is done once its work is approved; payment is not waited for. */
export function satisfiesDependency(state: TaskState): boolean {
  return state.status === 'APPROVED' || state.status === 'PAID';
}

/** BLOCKED, directly or under a pause (RELEASE then opens it inside the pause). */
function isBlocked(state: TaskState): boolean {
  return effectiveTaskState(state).status === 'BLOCKED';
}

function indexByKey(tasks: readonly ReleaseTask[]): Map<string, ReleaseTask> {
  const byKey = new Map<string, ReleaseTask>();
  for (const task of tasks) {
    if (byKey.has(task.key)) {
      throw DomainError.badInput(`Task key "${task.key}" appears twice`, { key: task.key });
    }
    byKey.set(task.key, task);
  }
  for (const task of tasks) {
    for (const dependency of task.dependsOn) {
      if (!byKey.has(dependency)) {
        throw DomainError.badInput(
          `Task "${task.key}" depends on "${dependency}", which is not in the list`,
          { key: task.key, dependency },
        );
      }
    }
  }
  return byKey;
}

/**
 * Which blocked tasks open now: those whose every dependency is APPROVED or
 * PAID. Run it when the project is funded (every task starts BLOCKED, so the
 * ones without dependencies open) and after each approval. A task that
 * depends on itself or sits on a cycle never opens. Refuses (BAD_USER_INPUT)
 * a duplicate key or a dependency missing from the list, rather than guess.
 */
export function planRelease(
  tasks: readonly ReleaseTask[],
  options: ReleaseOptions = {},
): ReleasePlan {
  const byKey = indexByKey(tasks);
  const release: string[] = [];
  const waiting: WaitingTask[] = [];
  for (const task of tasks) {
    if (!isBlocked(task.state)) continue;
    if (options.dependentsOf !== undefined && !task.dependsOn.includes(options.dependentsOf)) {
      continue;
    }
    const pending = [...new Set(task.dependsOn)].filter((key) => {
      const dependency = byKey.get(key);
      return key === task.key || dependency === undefined || !satisfiesDependency(dependency.state);
    });
    if (pending.length === 0) {
      release.push(task.key);
    } else {
      waiting.push({
        key: task.key,
        pendingDependencies: pending,
        cancelledDependencies: pending.filter(
          (key) => byKey.get(key)?.state.status === 'CANCELLED',
        ),
      });
    }
  }
  return { release, waiting };
}

/** The keys `planRelease` would open. */
export function tasksToRelease(
  tasks: readonly ReleaseTask[],
  options: ReleaseOptions = {},
): string[] {
  return [...planRelease(tasks, options).release];
}
