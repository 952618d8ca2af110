import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, Viewer } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { DomainEvents } from '@splitwork/database';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  assertMayDispute,
  DisputeOutcome,
  resolveDisputeStatus,
} from '@splitwork/marketplace-core';
import { PayoutService } from '@splitwork/payments';
import { ProjectFundingGateway } from '@splitwork/planning';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { ReviewRepository } from './review.repository';
import { TaskDisputeOpened } from './task-dispute-opened.event';
import { TaskDisputeResolved } from './task-dispute-resolved.event';
import { TaskDisputeEntity } from './task-dispute.entity';
import { TaskDisputeRepository } from './task-dispute.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/**
 * Owners' disputes of approved work. Within DISPUTE_WINDOW_DAYS of a task's
 * approval its project's owner may dispute it, once. An admin reads the
 * evidence through `dispute.task` and decides:
 *
 * - UPHOLD: the payment stands; only the dispute is written.
 * - REVERSE: the freelancer's paid transfer is taken back through payments'
 *   reversal (the provider call keyed by the payout, then in one transaction
 *   the payout REVERSED, its ledger entries returning the price to the
 *   project's escrow, and the dispute REVERSED). The fees earned at approval
 *   (platform, reviewer) stand: the review was done. The task keeps its
 *   status (APPROVED or PAID); a freelancer payout that is not paid yet has
 *   nothing to take back (INVALID_TRANSITION; decide once it is paid).
 *
 * Both raise a domain event in their transaction (TaskDisputeOpened,
 * TaskDisputeResolved) for notifications.
 */
@Injectable()
export class TaskDisputeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly disputes: TaskDisputeRepository,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly projectReviewers: ProjectReviewerRepository,
    private readonly reviews: ReviewRepository,
    private readonly payouts: PayoutService,
    private readonly events: DomainEvents,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async open(viewer: Viewer, taskId: string, reason: string): Promise<TaskDisputeEntity> {
    const text = reason.trim();
    if (text.length < 10) {
      throw DomainError.badInput('Say what is wrong with the work (at least 10 characters)', {
        field: 'reason',
      });
    }
    const found = await this.tasks.findById(taskId);
    const project = found && (await this.projects.findById(found.projectId));
    if (!found || !project) throw DomainError.notFound('Task', taskId);
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lock(taskId, manager);
      if (!task) throw DomainError.notFound('Task', taskId);
      if (project.ownerId !== viewer.id) {
        if (await this.canSee(viewer, task, manager)) {
          throw DomainError.forbidden("Only the project's owner can dispute its work");
        }
        throw DomainError.notFound('Task', taskId);
      }
      assertMayDispute(task.state, this.clock.now(), this.config.DISPUTE_WINDOW_DAYS);
      const dispute = await this.disputes.insertOnce(
        { taskId, ownerId: viewer.id, reason: text },
        manager,
      );
      if (!dispute) throw DomainError.conflict('This task has already been disputed', { taskId });
      const parties = await this.parties(task, manager);
      await this.events.publish(
        new TaskDisputeOpened(
          dispute.id,
          taskId,
          task.projectId,
          dispute.ownerId,
          parties.freelancerId,
          parties.reviewerId,
          dispute.reason,
        ),
        manager,
      );
      return dispute;
    });
  }

  openQuery() {
    return this.disputes.openQuery();
  }

  /** Admin (the resolver's role): UPHOLD or REVERSE an open dispute. */
  async resolve(
    viewer: Viewer,
    disputeId: string,
    outcome: DisputeOutcome,
    note: string | null,
  ): Promise<TaskDisputeEntity> {
    const found = await this.disputes.find(disputeId);
    if (!found) throw DomainError.notFound('Dispute', disputeId);
    // Decided already: refused before the provider is called.
    resolveDisputeStatus(found.status, outcome);
    const text = note?.trim() || null;
    const result: { dispute?: TaskDisputeEntity } = {};
    const decide = async (manager: EntityManager): Promise<void> => {
      result.dispute = await this.decide(viewer, disputeId, outcome, text, manager);
    };
    if (outcome === 'REVERSE') {
      await this.payouts.reverseTaskPayout(
        found.taskId,
        `Dispute upheld against the work: ${text ?? found.reason}`,
        decide,
      );
    } else {
      await this.dataSource.transaction(decide);
    }
    const decided = result.dispute!;
    if (
      decided.resolvedBy !== viewer.id ||
      decided.status !== resolveDisputeStatus('OPEN', outcome)
    ) {
      // Another admin decided meanwhile; the transfer this call reversed is recorded all the same.
      throw DomainError.conflict('The dispute was decided by someone else meanwhile', {
        disputeId,
        status: decided.status,
      });
    }
    return decided;
  }

  private async decide(
    viewer: Viewer,
    disputeId: string,
    outcome: DisputeOutcome,
    note: string | null,
    manager: EntityManager,
  ): Promise<TaskDisputeEntity> {
    const dispute = await this.disputes.lock(disputeId, manager);
    if (!dispute) throw DomainError.notFound('Dispute', disputeId);
    const task = await this.tasks.lock(dispute.taskId, manager);
    if (!task) throw DomainError.notFound('Task', dispute.taskId);
    // A reversal reached the provider already: its ledger entries are kept even when a
    // concurrent decision won the dispute (resolve() then answers CONFLICT).
    if (outcome === 'REVERSE' && dispute.status !== 'OPEN') return dispute;
    Object.assign(dispute, {
      status: resolveDisputeStatus(dispute.status, outcome),
      note,
      resolvedBy: viewer.id,
      resolvedAt: this.clock.now(),
    });
    const saved = await this.disputes.save(dispute, manager);
    const parties = await this.parties(task, manager);
    await this.events.publish(
      new TaskDisputeResolved(
        saved.id,
        task.id,
        task.projectId,
        saved.ownerId,
        parties.freelancerId,
        parties.reviewerId,
        outcome,
        viewer.id,
        note,
      ),
      manager,
    );
    return saved;
  }

  private async parties(
    task: TaskEntity,
    manager: EntityManager,
  ): Promise<{ freelancerId: string; reviewerId: string | null }> {
    const state = task.state;
    const freelancerId =
      state.status === 'APPROVED' || state.status === 'PAID' ? state.assigneeId : '';
    const reviewerId =
      (state.status === 'APPROVED' || state.status === 'PAID') && state.approvedBy === 'REVIEWER'
        ? await this.reviews.approvedBy(task.id, manager)
        : null;
    return { freelancerId, reviewerId };
  }

  /** Who may see the task without owning it: they are told FORBIDDEN, anyone else NOT_FOUND. */
  private async canSee(viewer: Viewer, task: TaskEntity, manager: EntityManager): Promise<boolean> {
    if (isAdmin(viewer) || task.assigneeId === viewer.id) return true;
    return this.projectReviewers.isReviewer(task.projectId, viewer.id, manager);
  }
}
