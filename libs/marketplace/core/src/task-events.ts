import { Claimant, isInPool, TaskPool } from './claim-policy';
import type { SkillRequirement } from '@splitwork/planning-core';
import { skillGaps } from './skills.util';

/** Who may hear about a task's status change: the project's people, never the whole market. */
export interface TaskEventAudience {
  readonly ownerId: string;
  readonly reviewerIds: readonly string[];
  /** The task's assignee before and after the change (claim, expiry, release, approval). */
  readonly assigneeIds: readonly string[];
}

export interface EventWatcher {
  readonly id: string;
  readonly admin: boolean;
}

/** The project's owner, its reviewers, the task's assignee, and admins. */
export function mayWatchTaskEvent(watcher: EventWatcher, audience: TaskEventAudience): boolean {
  return (
    watcher.admin ||
    watcher.id === audience.ownerId ||
    audience.reviewerIds.includes(watcher.id) ||
    audience.assigneeIds.includes(watcher.id)
  );
}

export interface OpenedTask {
  readonly skills: readonly SkillRequirement[];
  /** PUBLIC when absent. */
  readonly pool?: TaskPool;
}

/**
 * A newly opened task is announced to a freelancer whose profile covers every
 * required skill at its level and who is admitted by the project's talent
 * pool. Reputation, cool-downs and claim limits are the claim's business.
 */
export function openTaskMatches(
  freelancer: Pick<Claimant, 'freelancerId' | 'skills' | 'organizationIds'>,
  task: OpenedTask,
): boolean {
  return (
    isInPool({ ...freelancer, reputation: 0 }, task.pool) &&
    skillGaps(freelancer.skills, task.skills).length === 0
  );
}
