import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionAhead } from '@splitwork/database';
import { isAdmin, Viewer } from '@splitwork/api-kit';
import { JobQueue, JobRegistry } from '@splitwork/jobs';
import { Batcher, Clock, DomainError, Settled } from '@splitwork/kernel';
import {
  assertCanClaim,
  autoApprovalDueAt,
  claimDeadline,
  coolDownUntil,
  initialTaskState,
  TaskState,
  TaskStatus,
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
export class TaskBoardService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TaskBoard');
  /**
   * One batch at a time: it measured faster than two or three at once
   * (bench/feed-load-bench.ts, claims: 1,068 against 787 and 620 claims/s),
   * whose batches are smaller. It is also what keeps one freelancer's
   * simultaneous claims within their limit in this process: each batch sees
   * the wins of the batches before it and counts its own. After a batch of
   * several, the next one gathers for a moment (CLAIM_BATCH_LINGER_MS).
   */
  private readonly claims = new Batcher<ClaimRequest, TaskEntity>(
    (claims) => this.claimBatch(claims),
    { maxSize: MAX_CLAIM_BATCH, lingerMs: CLAIM_BATCH_LINGER_MS },
  );
  /** The next batch's transaction, begun while that batch gathers. */
  private readonly transactions: TransactionAhead;

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
  ) {
    this.transactions = new TransactionAhead(dataSource, CLAIM_TRANSACTION_AHEAD_MS);
  }

  onModuleInit(): void {
    this.registry.register(CLAIM_EXPIRY_JOB, ({ taskId }) => this.expireClaim(taskId));
  }

  async onModuleDestroy(): Promise<void> {
    await this.transactions.close();
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
   * claimed. Claims are written in batches (`claims`): the claims that arrive
   * while one batch is being written go together in the next, in one
   * transaction, so a burst of claims shares five round trips instead of
   * taking five each. Each claim is still decided alone, in arrival order.
   */
  claim(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.claims.submit({ freelancerId: viewer.id, taskId });
  }

  /**
   * A batch of claims, together; when the batch fails for any reason but a
   * claim's own refusal (a deadlock with another writer, say), each of its
   * claims again in a transaction of its own, so that one claim cannot fail
   * another.
   */
  private async claimBatch(claims: readonly ClaimRequest[]): Promise<Settled<TaskEntity>[]> {
    if (claims.length === 1) return this.claimTogether(claims);
    try {
      return await this.claimTogether(claims);
    } catch (error) {
      this.logger.warn(
        { err: error, claims: claims.length },
        'a batch of claims failed; each claim again alone',
      );
      const settled: Settled<TaskEntity>[] = [];
      for (const claim of claims) {
        try {
          settled.push(...(await this.claimTogether([claim])));
        } catch (alone) {
          settled.push({ ok: false, error: alone });
        }
      }
      return settled;
    } finally {
      // Under load the next batch is gathering now (CLAIM_BATCH_LINGER_MS): its transaction begins meanwhile.
      this.transactions.open();
    }
  }

  /**
   * One transaction: the lock, the gates and the projects' audiences in one
   * statement; each claim decided in order (a task won earlier in the batch
   * is taken, and a freelancer's wins earlier in the batch count toward
   * their limit); then one UPDATE of every won task and, just before the
   * commit, their expiry and reminder jobs (one statement). A batch that
   * won nothing writes nothing and rolls back.
   */
  private async claimTogether(claims: readonly ClaimRequest[]): Promise<Settled<TaskEntity>[]> {
    const runner = await this.transactions.take();
    try {
      const manager = runner.manager;
      const locked = await this.claimContexts.lockForClaims(claims, manager);
      const now = this.clock.now();
      const settled: Settled<TaskEntity>[] = [];
      const won: { task: TaskEntity; state: ClaimedState }[] = [];
      const winsOf = new Map<string, number>();
      for (const [i, { freelancerId, taskId }] of claims.entries()) {
        try {
          const entry = locked[i];
          if (!entry) throw DomainError.notFound('Task', taskId);
          const { task, projectOwnerId } = entry;
          assertClaimable(won.some((w) => w.task === task) ? 'CLAIMED' : task.status);
          // The task changed while this waited for its lock: the gate is read again, under the lock.
          const loaded =
            entry.context ?? (await this.claimContexts.load(freelancerId, task, manager));
          const wins = winsOf.get(freelancerId) ?? 0;
          assertCanClaim(
            this.eligibility.contextOf(
              freelancerId,
              task,
              { ...loaded, activeClaims: loaded.activeClaims + wins },
              now,
            ),
            this.policies.claim,
          );
          const state = this.claimedState(freelancerId, task, now);
          this.taskEvents.knowAudience(manager, task.projectId, {
            ownerId: projectOwnerId,
            reviewerIds: loaded.projectReviewerIds,
            pool: loaded.pool,
          });
          won.push({ task, state });
          winsOf.set(freelancerId, wins + 1);
          settled.push({ ok: true, value: task });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          settled.push({ ok: false, error });
        }
      }
      if (won.length === 0) {
        await runner.rollbackTransaction();
        return settled;
      }
      await this.tasks.saveStates(won, manager);
      await this.scheduleExpiries(won, manager);
      await runner.commitTransaction();
      return settled;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
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
    assertClaimable(task.status);
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
    const won = { task, state: this.claimedState(freelancerId, task, now) };
    await this.tasks.saveState(won.task, won.state, manager);
    await this.scheduleExpiries([won], manager);
    return task;
  }

  /** The task's state once `freelancerId` claims it now, with its deadline. */
  private claimedState(freelancerId: string, task: TaskEntity, now: Date): ClaimedState {
    const deadline = claimDeadline(task.estimate.likely, now, this.policies.claim);
    return transitionTask(task.state, {
      kind: 'CLAIM',
      freelancerId,
      at: now,
      deadline,
    }) as ClaimedState;
  }

  /** Each won claim's expiry job, at its deadline (written with the transaction's other jobs). */
  private async scheduleExpiries(
    won: readonly { task: TaskEntity; state: ClaimedState }[],
    manager: EntityManager,
  ): Promise<void> {
    for (const { task, state } of won) {
      await this.jobs.enqueue(
        manager,
        CLAIM_EXPIRY_JOB,
        { taskId: task.id },
        { runAt: state.claimDeadline, jobKey: `claim-expiry:${task.id}` },
      );
    }
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
function assertClaimable(status: TaskStatus): void {
  if (status === 'OPEN' || status === 'OFFERED') return;
  throw DomainError.conflict(
    status === 'CLAIMED'
      ? 'This task has already been claimed'
      : `This task cannot be claimed (${status})`,
    { status },
  );
}

type ClaimedState = Extract<TaskState, { status: 'CLAIMED' }>;

interface ClaimRequest {
  freelancerId: string;
  taskId: string;
}

/** Claims in one batch at most: one statement locks them all. */
const MAX_CLAIM_BATCH = 64;
/**
 * After a batch of several claims, the next waits up to this long to gather
 * as many (it starts as soon as it has them). Without the wait, ten claimants
 * settled into two alternating batches of five; with it, into batches of
 * nearly ten, and a batch's five round trips barely grow with its size.
 * Measured with bench/feed-load-bench.ts (claims, 10 connections): 1 ms was
 * too short for ten answers to go out and ten claims to come back (batches
 * of about five), 2 ms gave batches of about eight, 4 ms of nearly ten.
 */
const CLAIM_BATCH_LINGER_MS = 4;
/**
 * How long a transaction begun for the next batch waits for it before it is
 * rolled back: a few gathering windows.
 */
const CLAIM_TRANSACTION_AHEAD_MS = 5 * CLAIM_BATCH_LINGER_MS;
