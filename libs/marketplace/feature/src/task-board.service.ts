import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, Viewer } from '@splitwork/api-kit';
import { JobQueue, JobRegistry } from '@splitwork/jobs';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  assertCanClaim,
  autoApprovalDueAt,
  claimDeadline,
  coolDownUntil,
  initialTaskState,
  tasksToRelease,
  transitionTask,
} from '@splitwork/marketplace-core';
import { Plan, pricePlan } from '@splitwork/planning-core';
import { planSettingsOf, ProjectEntity } from '@splitwork/planning';
import { EligibilityService } from './eligibility.service';
import { AUTO_APPROVE_JOB, CLAIM_EXPIRY_JOB } from './marketplace.jobs';
import { AssignmentRecordRepository } from './assignment-record.repository';
import { ClaimContextRepository } from './claim-context.repository';
import { ReviewRepository } from './review.repository';
import { SubmissionEntity } from './submission.entity';
import { TaskEventsService } from './task-events.service';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';
import { MarketplacePolicies } from './marketplace-policies';

export interface SubmitCommand {
  links: string[];
  notes: string;
  hoursSpent: number;
}

/**
 * The life of a task on the marketplace up to its submission: publication
 * when the project is funded, release as dependencies are approved, claims
 * with deadlines, submissions.
 */
@Injectable()
export class TaskBoardService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly eligibility: EligibilityService,
    private readonly policies: MarketplacePolicies,
    private readonly clock: Clock,
    private readonly reviews: ReviewRepository,
    private readonly holds: AssignmentRecordRepository,
    private readonly claimContexts: ClaimContextRepository,
    private readonly taskEvents: TaskEventsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(CLAIM_EXPIRY_JOB, ({ taskId }) => this.expireClaim(taskId));
  }

  /** In the funding's transaction (funding.flow.ts): the plan's tasks go on the board, those without pending dependencies OPEN. */
  async publish(project: ProjectEntity, plan: Plan, manager: EntityManager): Promise<void> {
    const prices = new Map(
      pricePlan(plan, planSettingsOf(project)).tasks.map((p) => [p.taskKey, p.price]),
    );
    await this.tasks.insertMany(
      plan.tasks.map((t) => ({
        projectId: project.id,
        taskKey: t.key,
        featureKey: t.featureKey,
        title: t.title,
        description: t.description,
        acceptanceCriteria: [...t.acceptanceCriteria],
        skills: [...t.skills],
        platform: t.platform,
        estimate: t.estimate,
        priceCents: prices.get(t.key)!.amountCents,
        currency: project.currency,
        dependsOn: [...t.dependsOn],
        status: 'BLOCKED',
        state: initialTaskState(),
        assigneeId: null,
        claimDeadline: null,
        revision: 0,
      })),
      manager,
    );
    await this.releaseReady(project.id, manager);
  }

  /** Opens the blocked tasks of the project whose dependencies are all approved. */
  async releaseReady(projectId: string, manager: EntityManager): Promise<string[]> {
    const all = await this.tasks.ofProject(projectId, manager);
    const keys = new Set(
      tasksToRelease(all.map((t) => ({ key: t.taskKey, dependsOn: t.dependsOn, state: t.state }))),
    );
    for (const task of all.filter((t) => keys.has(t.taskKey))) {
      await this.tasks.saveState(task, transitionTask(task.state, { kind: 'RELEASE' }), manager);
    }
    return [...keys];
  }

  /**
   * Exactly one winner: the task row is locked, and only an OPEN task can be
   * claimed. The lock, the gate and the project's audience come in one
   * statement; a refused claim ends there. A won claim then writes its state
   * and, just before the commit, its expiry and reminder jobs (one statement).
   */
  async claim(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.claimContexts.lockForClaim(viewer.id, taskId, manager);
      if (!locked) throw DomainError.notFound('Task', taskId);
      const { task, projectOwnerId } = locked;
      assertClaimable(task);
      // The task changed while this waited for its lock: the gate is read again, under the lock.
      const loaded = locked.context ?? (await this.claimContexts.load(viewer.id, task, manager));
      const now = this.clock.now();
      assertCanClaim(this.eligibility.contextOf(viewer.id, task, loaded, now), this.policies.claim);
      this.taskEvents.knowAudience(manager, task.projectId, {
        ownerId: projectOwnerId,
        reviewerIds: loaded.projectReviewerIds,
        pool: loaded.pool,
      });
      return this.claimAllowed(viewer.id, task, now, manager);
    });
  }

  /**
   * The claim of a task already locked in the caller's transaction: an open
   * task, or the acceptance of an offer by its invitee (the state machine
   * refuses anyone else). Gate, deadline, expiry job.
   */
  async claimLocked(
    freelancerId: string,
    task: TaskEntity,
    manager: EntityManager,
  ): Promise<TaskEntity> {
    assertClaimable(task);
    const now = this.clock.now();
    assertCanClaim(
      await this.eligibility.context(freelancerId, task, now, manager),
      this.policies.claim,
    );
    return this.claimAllowed(freelancerId, task, now, manager);
  }

  /** The claim once the gate let it through: state, deadline, expiry job. */
  private async claimAllowed(
    freelancerId: string,
    task: TaskEntity,
    now: Date,
    manager: EntityManager,
  ): Promise<TaskEntity> {
    const deadline = claimDeadline(task.estimate.likely, now, this.policies.claim);
    const claimed = await this.tasks.saveState(
      task,
      transitionTask(task.state, { kind: 'CLAIM', freelancerId, at: now, deadline }),
      manager,
    );
    await this.jobs.enqueue(
      manager,
      CLAIM_EXPIRY_JOB,
      { taskId: task.id },
      { runAt: deadline, jobKey: `claim-expiry:${task.id}` },
    );
    return claimed;
  }

  async releaseClaim(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task) throw DomainError.notFound('Task', taskId);
      await this.assertInTheWork(viewer, task, manager);
      return this.tasks.saveState(
        task,
        transitionTask(task.state, { kind: 'RELEASE_CLAIM', freelancerId: viewer.id }),
        manager,
      );
    });
  }

  /** The claim-expiry job: a task still claimed at its deadline reopens; its freelancer cools down. */
  async expireClaim(taskId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task || task.state.status !== 'CLAIMED') return;
      const now = this.clock.now();
      if (now.getTime() < task.state.claimDeadline.getTime()) return;
      const assignee = task.state.assigneeId;
      await this.tasks.saveState(
        task,
        transitionTask(task.state, { kind: 'CLAIM_EXPIRED', at: now }),
        manager,
      );
      await this.tasks.setCoolDown(
        taskId,
        assignee,
        coolDownUntil(now, this.policies.claim),
        manager,
      );
    });
  }

  /** Only the assignee, only while claimed: a numbered submission, reviewed or approved automatically later. */
  async submit(viewer: Viewer, taskId: string, command: SubmitCommand): Promise<SubmissionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task) throw DomainError.notFound('Task', taskId);
      await this.assertInTheWork(viewer, task, manager);
      const now = this.clock.now();
      const autoApproveAt = autoApprovalDueAt(now, this.policies.review);
      const next = transitionTask(task.state, {
        kind: 'SUBMIT',
        freelancerId: viewer.id,
        at: now,
        autoApproveAt,
      });
      const saved = await this.tasks.saveState(task, next, manager);
      const submission = await this.reviews.insertSubmission(
        { taskId, revision: saved.revision, freelancerId: viewer.id, ...command },
        manager,
      );
      await this.jobs.enqueue(
        manager,
        AUTO_APPROVE_JOB,
        { taskId, revision: saved.revision },
        { runAt: autoApproveAt, jobKey: `auto-approve:${taskId}` },
      );
      return submission;
    });
  }

  /**
   * Submitting and releasing are for the freelancer holding the task: anyone
   * else who neither holds nor held it, and is not an admin, is told it does
   * not exist (NOT_FOUND), so neither the task nor who holds it leaks. Who
   * may see it (an admin, its former holder) gets the state machine's own
   * refusal (FORBIDDEN, INVALID_TRANSITION).
   */
  private async assertInTheWork(
    viewer: Viewer,
    task: TaskEntity,
    manager: EntityManager,
  ): Promise<void> {
    if (task.assigneeId === viewer.id || isAdmin(viewer)) return;
    if (await this.holds.latestOf(task.id, viewer.id, manager)) return;
    throw DomainError.notFound('Task', task.id);
  }
}

/** Only an OPEN task, or one OFFERED (to the claimant: the state machine checks), can be claimed. */
function assertClaimable(task: TaskEntity): void {
  if (task.status === 'OPEN' || task.status === 'OFFERED') return;
  throw DomainError.conflict(
    task.status === 'CLAIMED'
      ? 'This task has already been claimed'
      : `This task cannot be claimed (${task.status})`,
    { status: task.status },
  );
}
