import type { Currency } from '@splitwork/kernel';
import type { TaskState, TaskStatus } from '@splitwork/marketplace-core';
import type { Estimate, SkillRequirement } from '@splitwork/planning-core';
import { taskStateTransformer } from './task-state.codec';
import { TaskEntity } from './task.entity';

/**
 * Every column of a task as `TaskEntity` names it, for a statement that reads
 * one task row among other things (the claim's lock and gate): the row is
 * turned into the entity by `taskOfRow`, without TypeORM building the
 * statement or hydrating the result.
 */
export function taskColumns(alias: string): string {
  return `${alias}.id, ${alias}.project_id AS "projectId", ${alias}.task_key AS "taskKey",
    ${alias}.feature_key AS "featureKey", ${alias}.title, ${alias}.description,
    ${alias}.acceptance_criteria AS "acceptanceCriteria", ${alias}.skills, ${alias}.platform,
    ${alias}.estimate, ${alias}.price_cents AS "priceCents", ${alias}.currency,
    ${alias}.depends_on AS "dependsOn", ${alias}.status, ${alias}.state,
    ${alias}.assignee_id AS "assigneeId", ${alias}.claim_deadline AS "claimDeadline",
    ${alias}.revision, ${alias}.min_reputation AS "minReputation",
    ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt"`;
}

/** A task row as `taskColumns` selects it (bigint and numeric arrive as strings). */
export interface TaskRow {
  id: string;
  projectId: string;
  taskKey: string;
  featureKey: string;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  skills: SkillRequirement[];
  platform: string;
  estimate: Estimate;
  priceCents: string;
  currency: Currency;
  dependsOn: string[];
  status: TaskStatus;
  state: unknown;
  assigneeId: string | null;
  claimDeadline: Date | null;
  revision: number;
  minReputation: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The entity of a row read with `taskColumns`, with the same conversions as its column transformers. */
export function taskOfRow(row: TaskRow): TaskEntity {
  const task = new TaskEntity();
  task.id = row.id;
  task.projectId = row.projectId;
  task.taskKey = row.taskKey;
  task.featureKey = row.featureKey;
  task.title = row.title;
  task.description = row.description;
  task.acceptanceCriteria = row.acceptanceCriteria;
  task.skills = row.skills;
  task.platform = row.platform;
  task.estimate = row.estimate;
  task.priceCents = Number(row.priceCents);
  task.currency = row.currency;
  task.dependsOn = row.dependsOn;
  task.status = row.status;
  task.state = taskStateTransformer.from(row.state) as TaskState;
  task.assigneeId = row.assigneeId;
  task.claimDeadline = row.claimDeadline;
  task.revision = row.revision;
  task.minReputation = row.minReputation === null ? null : Number(row.minReputation);
  task.createdAt = row.createdAt;
  task.updatedAt = row.updatedAt;
  return task;
}
