import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainEvents } from '@splitwork/database';
import {
  meetsSkillRequirementsSql,
  TaskState,
  taskAssignee,
  TaskStatus,
} from '@splitwork/marketplace-core';
import { noReviewConflictSql } from './review-conflict.repository';
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
    const from = task.state;
    task.state = state;
    task.status = state.status;
    task.assigneeId = taskAssignee(state);
    task.claimDeadline = state.status === 'CLAIMED' ? state.claimDeadline : null;
    task.revision = 'revision' in state ? state.revision : task.revision;
    const saved = await this.repo(manager).save(task);
    await this.events.publish(new TaskTransitioned(saved, from, state), manager);
    return saved;
  }

  /** The tasks each of `taskIds` depends on, in plan order: one statement for a whole page. */
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

  assignedQuery(freelancerId: string) {
    return this.repo()
      .createQueryBuilder('t')
      .where('t.assignee_id = :freelancerId', { freelancerId });
  }

  /**
   * Submitted tasks the reviewer may review: those of the projects they are
   * the expert of, and those of projects without an expert whose every
   * required skill the reviewer holds at the required level (the core's
   * skill-fit rule, in SQL so the queue pages by keyset); never one they
   * have a conflict of interest in.
   */
  reviewQueueQuery(reviewerId: string) {
    return this.repo()
      .createQueryBuilder('t')
      .where(`t.status = 'SUBMITTED'`)
      .andWhere(
        `(EXISTS (SELECT 1 FROM project_reviewers r
                  WHERE r.project_id = t.project_id AND r.reviewer_id = :reviewerId)
          OR (NOT EXISTS (SELECT 1 FROM project_reviewers r WHERE r.project_id = t.project_id)
              AND EXISTS (SELECT 1 FROM reviewer_profiles rp
                          WHERE rp.user_id = :reviewerId
                            AND ${meetsSkillRequirementsSql('rp.skills', 't.skills')})))`,
        { reviewerId },
      )
      .andWhere(noReviewConflictSql('t', 'reviewerId'), { reviewerId });
  }
}
