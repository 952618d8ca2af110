import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, Viewer } from '@splitwork/api-kit';
import { JobQueue } from '@splitwork/jobs';
import { Clock, DomainError, money } from '@splitwork/kernel';
import {
  canTransitionTask,
  pendingTaskTimer,
  TaskState,
  transitionTask,
} from '@splitwork/marketplace-core';
import { TaskRefundService } from '@splitwork/payments';
import { ProjectFundingGateway } from '@splitwork/planning';
import { CLAIM_EXPIRY_JOB } from './marketplace.jobs';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The project owner's controls over one task: pause, resume, cancel. And the
 * last step of a task's life: PAID once its payout's transfer went through.
 *
 * A cancelled task's dependents stay BLOCKED for good (a dependency that will
 * never be delivered cannot be approved); the owner cancels them too or
 * re-plans. Their escrow is untouched until then.
 */
@Injectable()
export class TaskControlsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly refunds: TaskRefundService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly projectReviewers: ProjectReviewerRepository,
  ) {}

  /**
   * In the project cancellation's transaction (cancellation.flow.ts): every task not yet delivered
   * is CANCELLED (the project refund returns what escrow still holds, so no
   * task refund here). Work waiting for review must be reviewed first.
   */
  async withdrawProject(projectId: string, manager: EntityManager): Promise<void> {
    const at = this.clock.now();
    for (const { id } of await this.tasks.ofProject(projectId, manager)) {
      const task = (await this.tasks.lock(id, manager))!;
      if (task.state.status === 'SUBMITTED') {
        throw DomainError.invalidTransition(
          task.state.status,
          `cancel the project while "${task.title}" awaits review`,
        );
      }
      if (canTransitionTask(task.state.status, 'CANCEL')) {
        await this.tasks.saveState(
          task,
          transitionTask(task.state, { kind: 'CANCEL', at }),
          manager,
        );
      }
    }
  }

  pause(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.control(viewer, taskId, (task, manager) =>
      this.tasks.saveState(
        task,
        transitionTask(task.state, { kind: 'PAUSE', at: this.clock.now() }),
        manager,
      ),
    );
  }

  /** The paused clocks move on by the pause; the timer job is queued again at the new time. */
  resume(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.control(viewer, taskId, async (task, manager) => {
      const resumed = transitionTask(task.state, { kind: 'RESUME', at: this.clock.now() });
      const saved = await this.tasks.saveState(task, resumed, manager);
      await this.rescheduleTimer(taskId, resumed, manager);
      return saved;
    });
  }

  /** CANCELLED, and the task's escrow share goes back to the owner in the same transaction. */
  cancel(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.control(viewer, taskId, async (task, manager) => {
      const saved = await this.tasks.saveState(
        task,
        transitionTask(task.state, { kind: 'CANCEL', at: this.clock.now() }),
        manager,
      );
      await this.refunds.refundCancelledTask(
        {
          projectId: task.projectId,
          taskRef: task.id,
          price: money(task.priceCents, task.currency),
        },
        manager,
      );
      return saved;
    });
  }

  /** In the payout's transaction (settlement.flow.ts): the approved task is now PAID. */
  async markPaid(taskId: string, manager: EntityManager): Promise<void> {
    // Payouts made outside the marketplace (an admin's) may carry any reference.
    if (!UUID.test(taskId)) return;
    const task = await this.tasks.lock(taskId, manager);
    if (!task || task.state.status !== 'APPROVED') return;
    await this.tasks.saveState(
      task,
      transitionTask(task.state, { kind: 'PAY', at: this.clock.now() }),
      manager,
    );
  }

  private async rescheduleTimer(
    taskId: string,
    state: TaskState,
    manager: EntityManager,
  ): Promise<void> {
    const timer = pendingTaskTimer(state);
    if (timer?.kind === 'CLAIM_EXPIRED') {
      await this.jobs.enqueue(
        manager,
        CLAIM_EXPIRY_JOB,
        { taskId },
        { runAt: timer.dueAt, jobKey: `claim-expiry:${taskId}` },
      );
    }
    // OFFER_EXPIRED: offers have no expiry job on this branch yet; the offer
    // engineer's job must be queued here the same way (see the report).
  }

  /**
   * Owner or admin act. Someone who can see the task without owning it (its
   * assignee, a project reviewer) gets FORBIDDEN; anyone else NOT_FOUND.
   */
  private async control(
    viewer: Viewer,
    taskId: string,
    act: (task: TaskEntity, manager: EntityManager) => Promise<TaskEntity>,
  ): Promise<TaskEntity> {
    const found = await this.tasks.findById(taskId);
    if (!found) throw DomainError.notFound('Task', taskId);
    const project = await this.projects.findById(found.projectId);
    if (!project) throw DomainError.notFound('Task', taskId);
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task) throw DomainError.notFound('Task', taskId);
      if (project.ownerId !== viewer.id && !isAdmin(viewer)) {
        if (await this.canSee(viewer, task, manager)) {
          throw DomainError.forbidden('Only the project owner or an admin can do this');
        }
        throw DomainError.notFound('Task', taskId);
      }
      return act(task, manager);
    });
  }

  private async canSee(viewer: Viewer, task: TaskEntity, manager: EntityManager): Promise<boolean> {
    if (task.assigneeId === viewer.id) return true;
    return this.projectReviewers.isReviewer(task.projectId, viewer.id, manager);
  }
}
