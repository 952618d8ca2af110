import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, Viewer } from '@splitwork/api-kit';
import { UserRepository } from '@splitwork/identity';
import { JobQueue, JobRegistry } from '@splitwork/jobs';
import { Clock, DomainError, Role } from '@splitwork/kernel';
import { assertCanClaim, offerExpiresAt, transitionTask } from '@splitwork/marketplace-core';
import { ProjectFundingGateway } from '@splitwork/planning';
import { EligibilityService } from './eligibility.service';
import { OFFER_EXPIRY_JOB } from './marketplace.jobs';
import { TaskBoardService } from './task-board.service';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { TaskOfferEntity, TaskOfferStatus } from './task-offer.entity';
import { TaskOfferRepository } from './task-offer.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

export interface OfferCommand {
  taskId: string;
  freelancerId: string;
  expiresInHours?: number | null;
}

/**
 * Work pushed to a freelancer: the owner, the project's expert or an admin
 * invites one eligible freelancer to an OPEN task for a while; the invitee
 * accepts (a claim) or declines, or the offer expires.
 */
@Injectable()
export class TaskOfferService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly board: TaskBoardService,
    private readonly projects: ProjectFundingGateway,
    private readonly users: UserRepository,
    private readonly eligibility: EligibilityService,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly offerRecords: TaskOfferRepository,
    private readonly projectReviewers: ProjectReviewerRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(OFFER_EXPIRY_JOB, ({ taskId, offerId }) => this.expire(taskId, offerId));
  }

  /**
   * NOT_FOUND unless the viewer owns the task's project, is its assigned
   * expert, or is an admin (the task's existence does not leak).
   */
  async requireManager(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw DomainError.notFound('Task', taskId);
    if (isAdmin(viewer)) return task;
    const project = await this.projects.findById(task.projectId);
    if (project?.ownerId === viewer.id) return task;
    if (await this.projectReviewers.isReviewer(task.projectId, viewer.id)) return task;
    throw DomainError.notFound('Task', taskId);
  }

  async offer(viewer: Viewer, command: OfferCommand): Promise<TaskOfferEntity> {
    await this.requireManager(viewer, command.taskId);
    const now = this.clock.now();
    const expiresAt = offerExpiresAt(now, command.expiresInHours);
    const invitee = await this.users.findById(command.freelancerId);
    if (!invitee?.roles.includes(Role.FREELANCER)) {
      throw DomainError.badInput('That user is not a freelancer', { field: 'freelancerId' });
    }
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(command.taskId, manager);
      if (!task) throw DomainError.notFound('Task', command.taskId);
      const next = transitionTask(task.state, {
        kind: 'OFFER',
        freelancerId: command.freelancerId,
        at: now,
        expiresAt,
      });
      assertCanClaim(
        await this.eligibility.context(command.freelancerId, task, now, manager),
        this.eligibility.claimPolicy,
      );
      return this.recordOffer(task, next, viewer.id, 'MANUAL', manager);
    });
  }

  /**
   * Moves a locked OPEN task to OFFERED (`next`), writes the offer and
   * queues its expiry, in the caller's transaction. Auto-assignment uses it too.
   */
  async recordOffer(
    task: TaskEntity,
    next: ReturnType<typeof transitionTask>,
    offeredBy: string | null,
    source: TaskOfferEntity['source'],
    manager: EntityManager,
  ): Promise<TaskOfferEntity> {
    if (next.status !== 'OFFERED') throw DomainError.invalidTransition(task.status, 'OFFER');
    const now = next.offeredAt;
    const offer = await this.offerRecords.insert(
      {
        taskId: task.id,
        freelancerId: next.offeredTo,
        offeredBy,
        source,
        status: 'PENDING',
        expiresAt: next.offerExpiresAt,
        createdAt: now,
        updatedAt: now,
      },
      manager,
    );
    await this.tasks.saveState(task, next, manager);
    await this.scheduleExpiry(task.id, offer.id, next.offerExpiresAt, manager);
    return offer;
  }

  /** The invitee takes the task: a claim with its deadline, exactly as claimTask. */
  async accept(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { task, offer } = await this.lockPendingOffer(viewer, taskId, manager);
      const claimed = await this.board.claimLocked(viewer.id, task, manager);
      await this.settle(offer, 'ACCEPTED', manager);
      return claimed;
    });
  }

  /** The invitee says no: the task is OPEN again. */
  async decline(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { task, offer } = await this.lockPendingOffer(viewer, taskId, manager);
      // Settled first, so a transition listener (auto-assignment) sees no pending offer.
      await this.settle(offer, 'DECLINED', manager);
      return this.tasks.saveState(
        task,
        transitionTask(task.state, { kind: 'DECLINE_OFFER', freelancerId: viewer.id }),
        manager,
      );
    });
  }

  /**
   * The offer-expiry job: a task still offered under this offer at its
   * expiry reopens. A pause moves the expiry on (the job comes back then);
   * a paused task is looked at again an hour later.
   */
  async expire(taskId: string, offerId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      const offer = await this.offerRecords.findById(offerId, manager);
      if (!task || !offer || offer.status !== 'PENDING') return;
      const now = this.clock.now();
      const state = task.state;
      if (state.status === 'OFFERED' && state.offeredTo === offer.freelancerId) {
        if (now.getTime() < state.offerExpiresAt.getTime()) {
          await this.offerRecords.setExpiresAt(offer.id, state.offerExpiresAt, manager);
          await this.scheduleExpiry(taskId, offerId, state.offerExpiresAt, manager);
          return;
        }
        await this.settle(offer, 'EXPIRED', manager);
        await this.tasks.saveState(
          task,
          transitionTask(state, { kind: 'OFFER_EXPIRED', at: now }),
          manager,
        );
        return;
      }
      if (state.status === 'PAUSED') {
        await this.scheduleExpiry(taskId, offerId, new Date(now.getTime() + 3_600_000), manager);
        return;
      }
      await this.settle(offer, 'EXPIRED', manager);
    });
  }

  private scheduleExpiry(
    taskId: string,
    offerId: string,
    runAt: Date,
    manager: EntityManager,
  ): Promise<void> {
    return this.jobs.enqueue(
      manager,
      OFFER_EXPIRY_JOB,
      { taskId, offerId },
      { runAt, jobKey: `offer-expiry:${taskId}:${offerId}:${runAt.getTime()}` },
    );
  }

  /** The viewer's pending offers (not yet expired), for a keyset page. */
  pendingQuery(viewer: Viewer) {
    return this.offerRecords.pendingQuery(viewer.id, this.clock.now());
  }

  /** The tasks of a page of offers, in one query. */
  async tasksOf(offers: readonly TaskOfferEntity[]): Promise<Map<string, TaskEntity>> {
    if (offers.length === 0) return new Map();
    const tasks = await this.tasks.findByIds(offers.map((o) => o.taskId));
    return new Map(tasks.map((t) => [t.id, t]));
  }

  private async lockPendingOffer(
    viewer: Viewer,
    taskId: string,
    manager: EntityManager,
  ): Promise<{ task: TaskEntity; offer: TaskOfferEntity }> {
    const task = await this.tasks.lock(taskId, manager);
    const offer = await this.offerRecords.findPending(taskId, viewer.id, manager);
    // Another freelancer's offer, or none: the invitation does not exist for this viewer.
    if (!task || !offer) throw DomainError.notFound('Task offer', taskId);
    const expiresAt = task.state.status === 'OFFERED' ? task.state.offerExpiresAt : offer.expiresAt;
    if (this.clock.now().getTime() >= expiresAt.getTime()) {
      throw DomainError.conflict('This offer has expired', { expiresAt: offer.expiresAt });
    }
    return { task, offer };
  }

  private async settle(
    offer: TaskOfferEntity,
    status: TaskOfferStatus,
    manager: EntityManager,
  ): Promise<void> {
    await this.offerRecords.setStatus(offer.id, status, this.clock.now(), manager);
  }
}
