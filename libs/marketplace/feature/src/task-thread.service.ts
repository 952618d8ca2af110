import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ConnectionShape,
  isAdmin,
  keysetConnection,
  RateLimiter,
  Viewer,
} from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { DomainEvents } from '@splitwork/database';
import { Clock, DomainError, Role } from '@splitwork/kernel';
import {
  assertMayDelete,
  assertMayEdit,
  assertMayPost,
  canSeeThread,
  checkMessageBody,
  isInPool,
  mayReadMessage,
  ThreadAccess,
  threadAccess,
  threadMessageRecipients,
  ThreadVisibility,
} from '@splitwork/marketplace-core';
import { ProjectFundingGateway } from '@splitwork/planning';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { TalentPoolRepository } from './talent-pool.repository';
import { TaskMessagePosted } from './task-message-posted.event';
import { TaskMessageRevisionEntity } from './task-message-revision.entity';
import { TaskMessageEntity } from './task-message.entity';
import { TaskMessageRepository } from './task-message.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/** One viewer's standing in one task's thread. */
export interface ThreadStanding {
  task: TaskEntity;
  ownerId: string;
  reviewerIds: string[];
  access: ThreadAccess;
}

export interface ThreadPage {
  first: number;
  after?: string;
  visibility: ThreadVisibility | null;
}

/**
 * Task threads (rules in marketplace-core `task-thread.ts`): reading,
 * posting, editing and deleting messages. Every call first settles what the
 * caller may see of the task's thread (NOT_FOUND when nothing), then applies
 * the rule; a write and its `TaskMessagePosted` event share one transaction.
 */
@Injectable()
export class TaskThreadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly projectReviewers: ProjectReviewerRepository,
    private readonly pools: TalentPoolRepository,
    private readonly messages: TaskMessageRepository,
    private readonly events: DomainEvents,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** What the viewer may read and write in the task's thread; NOT_FOUND when nothing. */
  async standing(viewer: Viewer, taskId: string, manager?: EntityManager): Promise<ThreadStanding> {
    const db = manager ?? this.dataSource.manager;
    const task = manager
      ? await this.tasks.lock(taskId, manager)
      : await this.tasks.findById(taskId);
    if (!task) throw DomainError.notFound('Task', taskId);
    const project = await this.projects.findById(task.projectId, db);
    if (!project) throw DomainError.notFound('Task', taskId);
    const reviewerIds = await this.projectReviewers.reviewerIdsOf(task.projectId, db);
    const admin = isAdmin(viewer);
    const staff = admin || project.ownerId === viewer.id || reviewerIds.includes(viewer.id);
    const freelancer = viewer.roles.includes(Role.FREELANCER);
    const marketable = task.state.status === 'OPEN' || task.state.status === 'OFFERED';
    const viewerInPool =
      !staff && freelancer && marketable
        ? isInPool(
            {
              freelancerId: viewer.id,
              skills: [],
              reputation: 0,
              organizationIds: await this.pools.organizationIdsOf(viewer.id, db),
            },
            await this.pools.poolOf(task.projectId, db),
          )
        : false;
    const viewerParticipated = staff
      ? false
      : await this.messages.hasParticipated(taskId, viewer.id, db);
    const access = threadAccess(
      { id: viewer.id, admin, freelancer },
      {
        state: task.state,
        ownerId: project.ownerId,
        reviewerIds,
        viewerInPool,
        viewerParticipated,
      },
    );
    if (!canSeeThread(access)) throw DomainError.notFound('Task', taskId);
    return { task, ownerId: project.ownerId, reviewerIds, access };
  }

  /** The messages of the thread the viewer may read, oldest first. */
  async thread<Node>(
    viewer: Viewer,
    taskId: string,
    page: ThreadPage,
    toNode: (m: TaskMessageEntity) => Node,
  ): Promise<ConnectionShape<Node>> {
    const { access } = await this.standing(viewer, taskId);
    const query = this.messages.threadQuery(taskId, {
      readerId: viewer.id,
      readPublic: access.readPublic,
      readPrivate: access.readPrivate,
      visibility: page.visibility,
    });
    return keysetConnection(
      query,
      {
        alias: 'm',
        sortColumn: 'seq',
        direction: 'ASC',
        sortType: 'number',
        first: page.first,
        after: page.after,
        sortValueOf: (m) => Number(m.seq),
      },
      toNode,
    );
  }

  async post(
    viewer: Viewer,
    taskId: string,
    visibility: ThreadVisibility,
    body: string,
  ): Promise<TaskMessageEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { task, ownerId, reviewerIds, access } = await this.standing(viewer, taskId, manager);
      const { assigneeId } = assertMayPost(access, visibility, task.state);
      const text = checkMessageBody(body, { maxLength: this.config.TASK_MESSAGE_MAX_LENGTH });
      await this.throttle(viewer);
      const message = await this.messages.insert(
        {
          taskId,
          authorId: viewer.id,
          visibility,
          assigneeId,
          body: text,
          createdAt: this.clock.now(),
        },
        manager,
      );
      await this.events.publish(
        new TaskMessagePosted(
          message,
          taskId,
          task.projectId,
          viewer.id,
          visibility,
          assigneeId,
          ownerId,
          reviewerIds,
          isAdmin(viewer),
        ),
        manager,
      );
      return message;
    });
  }

  /**
   * Who hears of a posted message (marketplace-core `threadMessageRecipients`),
   * read in the posting transaction: for a public one, who posted before.
   */
  async recipientsOf(posted: TaskMessagePosted, manager: EntityManager): Promise<string[]> {
    const earlierPublicPosters =
      posted.visibility === 'PUBLIC'
        ? await this.messages.publicPosters(posted.taskId, posted.message.id, manager)
        : [];
    return threadMessageRecipients({
      authorId: posted.authorId,
      authorIsAdmin: posted.authorIsAdmin,
      visibility: posted.visibility,
      assigneeId: posted.assigneeId,
      ownerId: posted.ownerId,
      reviewerIds: posted.reviewerIds,
      earlierPublicPosters,
    });
  }

  /** The author rewrites their message within the edit window; the old text is kept as a revision. */
  async edit(viewer: Viewer, messageId: string, body: string): Promise<TaskMessageEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { message, task } = await this.readable(viewer, messageId, manager);
      if (task.state.status === 'CANCELLED') {
        throw DomainError.invalidTransition('CANCELLED', 'edit a message of a cancelled task');
      }
      const now = this.clock.now();
      assertMayEdit(viewer.id, message, now, this.config.TASK_MESSAGE_EDIT_WINDOW_MINUTES * 60_000);
      const text = checkMessageBody(body, { maxLength: this.config.TASK_MESSAGE_MAX_LENGTH });
      if (text === message.body) return message;
      await this.throttle(viewer);
      await this.messages.addRevision(
        {
          messageId,
          body: message.body,
          writtenAt: message.editedAt ?? message.createdAt,
          replacedAt: now,
        },
        manager,
      );
      Object.assign(message, { body: text, editedAt: now });
      return this.messages.save(message, manager);
    });
  }

  /** The author (any time) or an admin removes a message: its text and earlier versions go. */
  async delete(viewer: Viewer, messageId: string): Promise<TaskMessageEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { message } = await this.readable(viewer, messageId, manager);
      assertMayDelete({ id: viewer.id, admin: isAdmin(viewer) }, message);
      await this.messages.deleteRevisions(messageId, manager);
      Object.assign(message, {
        body: '',
        editedAt: null,
        deletedAt: this.clock.now(),
        deletedBy: viewer.id,
      });
      return this.messages.save(message, manager);
    });
  }

  /** Earlier versions of messages, for a per-request loader. */
  revisionsOf(messageIds: readonly string[]): Promise<TaskMessageRevisionEntity[]> {
    return this.messages.revisionsOf(messageIds);
  }

  /** Whether the viewer may read this message now (for live delivery). */
  async mayRead(
    viewer: Viewer,
    message: Pick<TaskMessageEntity, 'taskId' | 'visibility' | 'assigneeId'>,
  ) {
    try {
      const { access } = await this.standing(viewer, message.taskId);
      return mayReadMessage(viewer.id, access, message);
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  }

  /** A message the viewer may read, locked; NOT_FOUND otherwise. */
  private async readable(
    viewer: Viewer,
    messageId: string,
    manager: EntityManager,
  ): Promise<{ message: TaskMessageEntity; task: TaskEntity }> {
    const found = await this.messages.findById(messageId, manager);
    if (!found) throw DomainError.notFound('TaskMessage', messageId);
    let standing: ThreadStanding;
    try {
      standing = await this.standing(viewer, found.taskId, manager);
    } catch (error) {
      if (error instanceof DomainError) throw DomainError.notFound('TaskMessage', messageId);
      throw error;
    }
    const message = await this.messages.lock(messageId, manager);
    if (!message || !mayReadMessage(viewer.id, standing.access, message)) {
      throw DomainError.notFound('TaskMessage', messageId);
    }
    return { message, task: standing.task };
  }

  /** Posts and edits per user per minute (TASK_MESSAGES_PER_MINUTE): RATE_LIMITED beyond. */
  private throttle(viewer: Viewer): Promise<void> {
    return this.limiter.consume(
      `task-messages:user:${viewer.id}`,
      this.config.TASK_MESSAGES_PER_MINUTE,
    );
  }
}
