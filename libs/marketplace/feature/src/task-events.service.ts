import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withFilter } from 'graphql-subscriptions';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { EventBus, isAdmin, Viewer } from '@splitwork/api-kit';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  mayWatchTaskEvent,
  openTaskMatches,
  taskAssignee,
  taskHolder,
  TaskEventAudience,
  TaskPool,
} from '@splitwork/marketplace-core';
import type { SkillRequirement } from '@splitwork/planning-core';
import { ProjectFundingGateway } from '@splitwork/planning';
import { MarketTaskModel } from './dto/market-task.model';
import { TaskStatusChangeModel } from './dto/task-event.models';
import { ProfileRepository } from './profile.repository';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { TalentPoolRepository } from './talent-pool.repository';
import { TaskRepository, TaskTransition } from './task.repository';

const STATUS_TOPIC = 'marketplace.task-status';
const OPENED_TOPIC = 'marketplace.task-opened';
/** Key in the transaction's QueryRunner data: the events waiting for its commit. */
const PENDING = Symbol('marketplace.pending-task-events');
/** Key in the transaction's QueryRunner data: each project's audience, read once. */
const AUDIENCES = Symbol('marketplace.task-event-audiences');

export interface TaskStatusEvent {
  taskStatusChanged: TaskStatusChangeModel;
  audience: TaskEventAudience;
}

export interface TaskOpenedEvent {
  openTaskMatched: MarketTaskModel;
  skills: SkillRequirement[];
  pool: TaskPool;
}

interface ProjectAudience {
  ownerId: string;
  reviewerIds: string[];
  pool: () => Promise<TaskPool>;
}

type Pending = { topic: string; payload: TaskStatusEvent | TaskOpenedEvent }[];

/**
 * Task status changes and newly opened tasks, pushed to subscribers. Events
 * are collected in the transaction that makes the change (task-lifecycle.flow.ts)
 * and published only after it commits; a rolled-back
 * change is never announced.
 */
@Injectable()
export class TaskEventsService implements OnModuleInit {
  private readonly logger = new Logger('TaskEvents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly projectReviewers: ProjectReviewerRepository,
    private readonly pools: TalentPoolRepository,
    private readonly profiles: ProfileRepository,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push({
      afterTransactionCommit: (event) => this.flush(event.queryRunner, true),
      afterTransactionRollback: (event) => this.flush(event.queryRunner, false),
    });
  }

  /** In the transition's transaction (task-lifecycle.flow.ts): queue its events for the commit. */
  async collect(transition: TaskTransition, manager: EntityManager): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner) return;
    const { task, from, to } = transition;
    const project = await this.projectAudience(task.projectId, runner, manager);
    const assigneeIds = [taskHolder(from), taskAssignee(to)].filter(
      (id): id is string => id !== null,
    );
    const pending = ((runner.data as Record<symbol, Pending>)[PENDING] ??= []);
    pending.push({
      topic: STATUS_TOPIC,
      payload: {
        taskStatusChanged: Object.assign(new TaskStatusChangeModel(), {
          taskId: task.id,
          projectId: task.projectId,
          from: from.status,
          to: to.status,
          at: this.clock.now(),
        }),
        audience: {
          ownerId: project.ownerId,
          reviewerIds: project.reviewerIds,
          assigneeIds,
        },
      },
    });
    if (to.status === 'OPEN' && from.status !== 'OPEN') {
      pending.push({
        topic: OPENED_TOPIC,
        payload: {
          openTaskMatched: MarketTaskModel.from(task),
          skills: task.skills.map((s) => ({ ...s })),
          pool: await project.pool(),
        },
      });
    }
  }

  /**
   * The project's audience as the caller already read it in this
   * transaction (a claim reads the owner and the reviewers with its lock):
   * its transitions' events then need no look-up of their own.
   */
  knowAudience(
    manager: EntityManager,
    projectId: string,
    known: { ownerId: string; reviewerIds: string[]; pool: TaskPool },
  ): void {
    const runner = manager.queryRunner;
    if (!runner) return;
    this.audiences(runner).set(
      projectId,
      Promise.resolve({
        ownerId: known.ownerId,
        reviewerIds: known.reviewerIds,
        pool: () => Promise.resolve(known.pool),
      }),
    );
  }

  private audiences(runner: QueryRunner): Map<string, Promise<ProjectAudience>> {
    return ((runner.data as Record<symbol, Map<string, Promise<ProjectAudience>>>)[AUDIENCES] ??=
      new Map());
  }

  /**
   * Who hears about a project's tasks, read once per transaction: publishing
   * a funded plan moves every task of it in one transaction.
   */
  private projectAudience(
    projectId: string,
    runner: QueryRunner,
    manager: EntityManager,
  ): Promise<ProjectAudience> {
    const cache = this.audiences(runner);
    let audience = cache.get(projectId);
    if (!audience) {
      audience = (async () => {
        const project = await this.projects.findById(projectId, manager);
        const reviewerIds = await this.projectReviewers.reviewerIdsOf(projectId, manager);
        let pool: Promise<TaskPool> | undefined;
        return {
          ownerId: project?.ownerId ?? '',
          reviewerIds,
          pool: () => (pool ??= this.pools.poolOf(projectId, manager)),
        };
      })();
      cache.set(projectId, audience);
    }
    return audience;
  }

  /** After the outermost commit: publish; after a rollback: forget. */
  private flush(runner: QueryRunner, committed: boolean): void {
    const data = runner.data as Record<symbol, Pending | undefined>;
    const pending = data[PENDING];
    if (!pending) return;
    if (committed && runner.isTransactionActive) return; // a savepoint, not the commit
    delete data[PENDING];
    delete (runner.data as Record<symbol, unknown>)[AUDIENCES];
    if (!committed) return;
    for (const { topic, payload } of pending) {
      this.bus
        .publish(topic, payload)
        .catch((error: unknown) =>
          this.logger.error({ err: error, topic }, 'publishing a task event failed'),
        );
    }
  }

  /**
   * Subscribe-time check: with a project, the caller must be one who may see
   * its tasks' events (owner, reviewer, a freelancer who held one of its
   * tasks, admin); NOT_FOUND otherwise, as for reading the project.
   */
  async statusChanges(
    viewer: Viewer,
    projectId: string | null,
  ): Promise<AsyncIterableIterator<unknown>> {
    if (projectId !== null) await this.authorizeProject(viewer, projectId);
    const watcher = { id: viewer.id, admin: isAdmin(viewer) };
    return withFilter(
      () => this.bus.asyncIterableIterator<TaskStatusEvent>(STATUS_TOPIC),
      (payload?: TaskStatusEvent) =>
        !!payload &&
        (projectId === null || payload.taskStatusChanged.projectId === projectId) &&
        mayWatchTaskEvent(watcher, payload.audience),
    )() as Promise<AsyncIterableIterator<unknown>>;
  }

  /** Per event: the freelancer's current profile and organizations decide. */
  openedTasks(viewer: Viewer): Promise<AsyncIterableIterator<unknown>> {
    return withFilter(
      () => this.bus.asyncIterableIterator<TaskOpenedEvent>(OPENED_TOPIC),
      async (payload?: TaskOpenedEvent) => {
        if (!payload) return false;
        const profile = await this.profiles.freelancer(viewer.id);
        if (!profile) return false;
        return openTaskMatches(
          {
            freelancerId: viewer.id,
            skills: profile.skills,
            organizationIds: await this.pools.organizationIdsOf(viewer.id),
          },
          { skills: payload.skills, pool: payload.pool },
        );
      },
    )() as Promise<AsyncIterableIterator<unknown>>;
  }

  private async authorizeProject(viewer: Viewer, projectId: string): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (!project) throw DomainError.notFound('Project', projectId);
    if (isAdmin(viewer) || project.ownerId === viewer.id) return;
    if (!(await this.tasks.isProjectParticipant(projectId, viewer.id)))
      throw DomainError.notFound('Project', projectId);
  }
}
