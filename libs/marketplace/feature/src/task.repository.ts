import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { DomainEvents, preparedQuery } from '@splitwork/database';
import {
  meetsSkillRequirementsSql,
  TaskState,
  taskAssignee,
  TaskStatus,
} from '@splitwork/marketplace-core';
import { noReviewConflictOfSql, noReviewConflictSql } from './review-conflict.repository';
import { visibleToFreelancer } from './talent-pool.repository';
import { TaskEntity } from './task.entity';

/** A task moved from one state to another, raised inside the transaction that moved it. */
export class TaskTransitioned {
  constructor(
    readonly task: TaskEntity,
    readonly from: TaskState,
    readonly to: TaskState,
  ) {}
}

export type TaskTransition = Pick<TaskTransitioned, 'task' | 'from' | 'to'>;

export interface TaskDependencyRow {
  id: string;
  key: string;
  title: string;
  status: TaskStatus;
}

/** What the open-task browse filters on; `undefined`/`null` means no filter. */
export interface OpenTaskFilter {
  projectId?: string | null;
  platform?: string | null;
  minPriceCents?: number | null;
  maxPriceCents?: number | null;
  minLikelyHours?: number | null;
  maxLikelyHours?: number | null;
  /** Normalised skill keys, deduplicated. */
  skills: readonly string[];
  /** Every skill required (`true`) or at least one (`false`). */
  allSkills: boolean;
}

/** Who asks for open tasks: `null` sees every pool's tasks (an admin browsing). */
export type OpenTaskViewer = { freelancerId: string } | null;

@Injectable()
export class TaskRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(TaskEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<TaskEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** The task row locked for this transaction: one claim, submission or review at a time. */
  lock(id: string, manager: EntityManager): Promise<TaskEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  ofProject(projectId: string, manager?: EntityManager): Promise<TaskEntity[]> {
    return this.ofProjects([projectId], manager);
  }

  /** The tasks of many projects in one query, oldest first within each project. */
  ofProjects(projectIds: readonly string[], manager?: EntityManager): Promise<TaskEntity[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.repo(manager).find({
      where: { projectId: In([...projectIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  insertMany(tasks: Partial<TaskEntity>[], manager: EntityManager): Promise<TaskEntity[]> {
    return this.repo(manager).save(tasks.map((t) => this.repo(manager).create(t)));
  }

  /**
   * Writes a new state, keeping the mirrored columns in step, and raises
   * TaskTransitioned in the same transaction (task-lifecycle.flow.ts); a
   * handler that throws rolls the change back.
   */
  async saveState(task: TaskEntity, state: TaskState, manager: EntityManager): Promise<TaskEntity> {
    await this.saveStates([{ task, state }], manager);
    return task;
  }

  /**
   * `saveState` for several tasks (a batch of claims): one UPDATE for all of
   * them, then their TaskTransitioned events in order. Each task appears once.
   */
  async saveStates(
    changes: readonly { task: TaskEntity; state: TaskState }[],
    manager: EntityManager,
  ): Promise<void> {
    const froms = changes.map(({ task }) => task.state);
    for (const { task, state } of changes) {
      task.state = state;
      task.status = state.status;
      task.assigneeId = taskAssignee(state);
      task.claimDeadline = state.status === 'CLAIMED' ? state.claimDeadline : null;
      task.revision = 'revision' in state ? state.revision : task.revision;
    }
    // One UPDATE of the state columns, its text fixed (save() would read each row back first).
    // updated_at is the statement's time, not the transaction's: a batch of
    // claims runs in a transaction begun ahead of it (TransactionAhead).
    const rows = await preparedQuery<{ id: string; updated_at: Date }>(
      manager,
      `UPDATE marketplace_tasks t
          SET status = c.status, state = c.state, assignee_id = c.assignee_id,
              claim_deadline = c.claim_deadline, revision = c.revision,
              updated_at = statement_timestamp()
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, status text, state jsonb,
                assignee_id uuid, claim_deadline timestamptz, revision int)
        WHERE t.id = c.id
        RETURNING t.id, t.updated_at`,
      [
        JSON.stringify(
          changes.map(({ task }) => ({
            id: task.id,
            status: task.status,
            state: task.state,
            assignee_id: task.assigneeId,
            claim_deadline: task.claimDeadline,
            revision: task.revision,
          })),
        ),
      ],
    );
    const updatedAt = new Map(rows.map((row) => [row.id, new Date(row.updated_at)]));
    for (const [i, { task, state }] of changes.entries()) {
      task.updatedAt = updatedAt.get(task.id) ?? task.updatedAt;
      await this.events.publish(new TaskTransitioned(task, froms[i], state), manager);
    }
  }

  /** The tasks each of `taskIds` depends on, in plan order: one statement for a whole page. */
  findByIds(ids: readonly string[], manager?: EntityManager): Promise<TaskEntity[]> {
    return this.repo(manager).findBy({ id: In([...ids]) });
  }

  async setMinReputation(
    taskId: string,
    minReputation: number | null,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repo(manager).update({ id: taskId }, { minReputation });
  }

  /** Ids of the project's OPEN tasks, in plan order. */
  async openIdsOf(projectId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM marketplace_tasks WHERE project_id = $1 AND status = 'OPEN' ORDER BY created_at, id`,
      [projectId],
    );
    return rows.map((r) => r.id);
  }

  /** The freelancer's active claims; a paused claim still counts (isActiveClaimOf). */
  async activeClaimCount(freelancerId: string, manager: EntityManager): Promise<number> {
    const [active] = await manager.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM marketplace_tasks
        WHERE (status = 'CLAIMED' AND assignee_id = $1)
           OR (status = 'PAUSED' AND state->'pausedFrom'->>'status' = 'CLAIMED'
               AND state->'pausedFrom'->>'assigneeId' = $1::text)`,
      [freelancerId],
    );
    return Number(active.count);
  }

  /** Likely hours of the tasks each freelancer holds claimed now (absent: none). */
  async claimedHoursOf(
    freelancerIds: readonly string[],
    manager: EntityManager,
  ): Promise<Map<string, number>> {
    const rows = await manager.query<{ assignee_id: string; hours: string }[]>(
      `SELECT assignee_id, sum((estimate->>'likely')::numeric) AS hours FROM marketplace_tasks
       WHERE status = 'CLAIMED' AND assignee_id = ANY($1::uuid[]) GROUP BY assignee_id`,
      [[...freelancerIds]],
    );
    return new Map(rows.map((r) => [r.assignee_id, Number(r.hours)]));
  }

  /** Likely hours of the tasks one freelancer holds claimed now. */
  async claimedHours(freelancerId: string, manager?: EntityManager): Promise<number> {
    const [committed] = await (manager ?? this.dataSource).query<{ hours: string | null }[]>(
      `SELECT sum(likely_hours) AS hours FROM marketplace_tasks WHERE assignee_id = $1 AND status = 'CLAIMED'`,
      [freelancerId],
    );
    return Number(committed?.hours ?? 0);
  }

  /** Until when the freelancer may not claim the task again after letting a claim expire. */
  async coolDownUntil(
    taskId: string,
    freelancerId: string,
    manager: EntityManager,
  ): Promise<Date | null> {
    const [coolDown] = await manager.query<{ until: Date }[]>(
      `SELECT until FROM claim_cooldowns WHERE task_id = $1 AND freelancer_id = $2`,
      [taskId, freelancerId],
    );
    return coolDown ? new Date(coolDown.until) : null;
  }

  async setCoolDown(
    taskId: string,
    freelancerId: string,
    until: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO claim_cooldowns (task_id, freelancer_id, until) VALUES ($1, $2, $3)
       ON CONFLICT (task_id, freelancer_id) DO UPDATE SET until = EXCLUDED.until`,
      [taskId, freelancerId, until],
    );
  }

  /**
   * The user reviews the project, or submitted or holds one of its tasks:
   * one who may follow its tasks' events.
   */
  async isProjectParticipant(projectId: string, userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM project_reviewers WHERE project_id = $1 AND reviewer_id = $2
       UNION ALL
       SELECT 1 FROM task_submissions s JOIN marketplace_tasks t ON t.id = s.task_id
        WHERE t.project_id = $1 AND s.freelancer_id = $2
       UNION ALL
       SELECT 1 FROM marketplace_tasks WHERE project_id = $1 AND assignee_id = $2
       LIMIT 1`,
      [projectId, userId],
    );
    return rows.length > 0;
  }

  /**
   * OPEN tasks the freelancer could take that need at least one of `skills`,
   * newest first, at most `limit`.
   */
  openNeedingAnyOf(
    freelancerId: string,
    skills: readonly string[],
    limit: number,
  ): Promise<TaskEntity[]> {
    const query = this.openVisibleTo({ freelancerId });
    addAnySkill(query, skills, 'rec');
    return query.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC').limit(limit).getMany();
  }

  private openVisibleTo(viewer: OpenTaskViewer): SelectQueryBuilder<TaskEntity> {
    const query = this.repo().createQueryBuilder('t').where(`t.status = 'OPEN'`);
    if (viewer === null) return query;
    return query.andWhere(visibleToFreelancer('t', 'viewerId'), {
      viewerId: viewer.freelancerId,
    });
  }

  async dependenciesOf(taskIds: readonly string[]): Promise<Map<string, TaskDependencyRow[]>> {
    const rows = await this.dataSource.query<(TaskDependencyRow & { taskId: string })[]>(
      `SELECT t.id AS "taskId", d.id, d.task_key AS key, d.title, d.status
         FROM marketplace_tasks t
         JOIN marketplace_tasks d
           ON d.project_id = t.project_id AND d.task_key = ANY(t.depends_on)
        WHERE t.id = ANY($1::uuid[])
        ORDER BY d.created_at, d.id`,
      [[...taskIds]],
    );
    const byTask = new Map<string, TaskDependencyRow[]>();
    for (const { taskId, ...dependency } of rows) {
      byTask.set(taskId, [...(byTask.get(taskId) ?? []), dependency]);
    }
    return byTask;
  }

  /**
   * Of `taskIds`, those whose work (submissions, reviews) `viewerId` takes
   * part in: the project's owner, the current assignee or any freelancer who
   * submitted to it, the project's expert reviewers, a reviewer who reviewed
   * it, and, while it waits in the review queue, a reviewer the queue offers
   * it to (`queueReviewer`: the caller is an approved reviewer now). One
   * statement for the whole page.
   */
  async workVisibleIds(
    viewerId: string,
    taskIds: readonly string[],
    queueReviewer: boolean,
  ): Promise<Set<string>> {
    if (taskIds.length === 0) return new Set();
    const queue = queueReviewer
      ? `OR (t.status = 'SUBMITTED'
             AND NOT EXISTS (SELECT 1 FROM project_reviewers r WHERE r.project_id = t.project_id)
             AND EXISTS (SELECT 1 FROM reviewer_profiles rp
                          WHERE rp.user_id = :viewerId
                            AND ${meetsSkillRequirementsSql('rp.skills', 't.skills')})
             AND ${noReviewConflictSql('t', 'viewerId')})`
      : '';
    const rows = await this.repo()
      .createQueryBuilder('t')
      .select('t.id', 'id')
      .where('t.id IN (:...taskIds)', { taskIds: [...taskIds] })
      .andWhere(
        `(t.assignee_id = :viewerId
          OR EXISTS (SELECT 1 FROM projects p WHERE p.id = t.project_id AND p.owner_id = :viewerId)
          OR EXISTS (SELECT 1 FROM task_submissions s
                      WHERE s.task_id = t.id AND s.freelancer_id = :viewerId)
          OR EXISTS (SELECT 1 FROM project_reviewers r
                      WHERE r.project_id = t.project_id AND r.reviewer_id = :viewerId)
          OR EXISTS (SELECT 1 FROM task_reviews rv
                      WHERE rv.task_id = t.id AND rv.reviewer_id = :viewerId)
          ${queue})`,
        { viewerId },
      )
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }
}

/**
 * SQL condition: the submitted task aliased `task` is in the review queue of
 * the reviewer `reviewer` (a placeholder such as `$2::uuid`): the reviewer is
 * its project's expert, or the project has no expert and the reviewer holds
 * every required skill at the required level (the core's skill-fit rule, in
 * SQL so the queue pages by keyset); never a task they have a conflict of
 * interest in.
 */
export function reviewQueueSql(task: string, reviewer: string): string {
  return `(EXISTS (SELECT 1 FROM project_reviewers r
                  WHERE r.project_id = ${task}.project_id AND r.reviewer_id = ${reviewer})
          OR (NOT EXISTS (SELECT 1 FROM project_reviewers r WHERE r.project_id = ${task}.project_id)
              AND EXISTS (SELECT 1 FROM reviewer_profiles rp
                          WHERE rp.user_id = ${reviewer}
                            AND ${meetsSkillRequirementsSql('rp.skills', `${task}.skills`)})))
    AND ${noReviewConflictOfSql(task, reviewer)}`;
}

/** A task requiring at least one of `skills`: OR of jsonb containments, served by the GIN index. */
function addAnySkill(
  query: SelectQueryBuilder<TaskEntity>,
  skills: readonly string[],
  prefix: string,
): void {
  const params: Record<string, string> = {};
  const terms = skills.map((skill, i) => {
    params[`${prefix}${i}`] = JSON.stringify([{ skill }]);
    return `t.skills @> CAST(:${prefix}${i} AS jsonb)`;
  });
  query.andWhere(`(${terms.join(' OR ')})`, params);
}
