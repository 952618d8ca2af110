import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '@splitwork/database';
import {
  AppealDecided,
  ReviewService,
  TaskReviewed,
  TaskTransition,
  TaskTransitioned,
} from '@splitwork/marketplace';
import { NotificationService } from '@splitwork/notifications';
import { PlanningRunFailed, PlanningRunSucceeded, ProjectFunded } from '@splitwork/planning';
import { NotificationReminders } from './notification-reminders';

/**
 * Who hears about what, in the transaction of the cause (a notification row,
 * its email job and its live push all commit or roll back with it; the email
 * is sent by the job runner after commit):
 *
 *   TaskTransitioned (marketplace)
 *     → OFFERED from OPEN: the freelancer offered it (OFFER_MADE); reminder job
 *       before the offer expires (OFFER_EXPIRING, notification-reminders.ts)
 *     → CLAIMED (claim, accepted offer, changes requested, resume): reminder job
 *       before the claim deadline (CLAIM_DEADLINE_APPROACHING)
 *     → SUBMITTED: the project's assigned reviewers (SUBMISSION_WAITING_FOR_REVIEW)
 *     → APPROVED (review, auto-approval, appeal): the assignee (TASK_APPROVED)
 *     → PAID (settlement.flow.ts, after PayoutPaid): the assignee (TASK_PAID).
 *       PayoutPaid itself is not subscribed: for a task payout it is this
 *       transition; other payouts (part D's reviewer payouts) are wired below.
 *   TaskReviewed (marketplace, after the review row is stored)
 *     → REQUEST_CHANGES: the assignee, with the feedback and the failed criteria
 *     → REJECT: the freelancer whose submission it was (SUBMISSION_REJECTED), likewise
 *   AppealDecided (marketplace) → the appellant (APPEAL_DECIDED)
 *   ProjectFunded (planning) → the owner (FUNDING_CONFIRMED)
 *   PlanningRunSucceeded / PlanningRunFailed (planning) → the owner
 *
 * A step that throws rolls its cause back, like every flow step.
 */
@Injectable()
export class NotificationsFlow implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationService,
    private readonly reminders: NotificationReminders,
    private readonly reviews: ReviewService,
  ) {}

  onModuleInit(): void {
    this.events.on(TaskTransitioned, (transition, manager) =>
      this.taskTransitioned(transition, manager),
    );

    this.events.on(TaskReviewed, async ({ task, review }, manager) => {
      // Changes requested: the task is the assignee's again. Rejected: it
      // reopened, remembering whose submission was rejected (for the appeal).
      const state = task.state;
      const recipientId =
        review.verdict === 'REQUEST_CHANGES' && state.status === 'CLAIMED'
          ? state.assigneeId
          : review.verdict === 'REJECT' && (state.status === 'OPEN' || state.status === 'OFFERED')
            ? (state.lastRejection?.freelancerId ?? null)
            : null;
      if (!recipientId) return;
      await this.notifications.notify(
        {
          recipientId,
          kind: review.verdict === 'REJECT' ? 'SUBMISSION_REJECTED' : 'CHANGES_REQUESTED',
          facts: {
            title: task.title,
            feedback: review.feedback,
            failedCriteria: review.scorecard
              .filter((c) => !c.passed)
              .map((c) => (c.comment ? `${c.criterion} (${c.comment})` : c.criterion)),
          },
          taskId: task.id,
          projectId: task.projectId,
        },
        manager,
      );
    });

    this.events.on(AppealDecided, async ({ appeal, task }, manager) => {
      await this.notifications.notify(
        {
          recipientId: appeal.freelancerId,
          kind: 'APPEAL_DECIDED',
          facts: { title: task.title, outcome: appeal.status, reason: appeal.note ?? undefined },
          taskId: task.id,
          projectId: task.projectId,
        },
        manager,
      );
    });

    this.events.on(ProjectFunded, async ({ project }, manager) => {
      await this.notifications.notify(
        {
          recipientId: project.ownerId,
          kind: 'FUNDING_CONFIRMED',
          facts: { title: project.title },
          projectId: project.id,
        },
        manager,
      );
    });

    this.events.on(PlanningRunSucceeded, async (run, manager) => {
      await this.notifications.notify(
        {
          recipientId: run.ownerId,
          kind: 'PLANNING_FINISHED',
          facts: { title: run.projectTitle },
          projectId: run.projectId,
        },
        manager,
      );
    });

    this.events.on(PlanningRunFailed, async (run, manager) => {
      await this.notifications.notify(
        {
          recipientId: run.ownerId,
          kind: 'PLANNING_FAILED',
          facts: { title: run.projectTitle, reason: run.reason },
          projectId: run.projectId,
        },
        manager,
      );
    });

    // --- To be wired by the integrator once the other parts are merged ---
    //
    // Part B (threads) raises TaskMessagePosted: notify the thread's other
    // participants (kind THREAD_MESSAGE, email off by default), e.g.
    //   this.events.on(TaskMessagePosted, async (posted, manager) => {
    //     for (const recipientId of <participants except the author>)
    //       await this.notifications.notify({ recipientId, kind: 'THREAD_MESSAGE',
    //         facts: { title: <task title>, author: <name>, excerpt: <first words> },
    //         taskId, projectId }, manager);
    //   });
    //
    // Part D (payouts) raises dispute opened / resolved events: notify the
    // other side and the admins with DISPUTE_OPENED, both sides with
    // DISPUTE_RESOLVED (facts.outcome, facts.reason); a reviewer's PayoutPaid
    // can notify TASK_PAID to the reviewer (facts.amount).
  }

  private async taskTransitioned(
    { task, from, to }: TaskTransition,
    manager: EntityManager,
  ): Promise<void> {
    const about = { taskId: task.id, projectId: task.projectId };
    switch (to.status) {
      case 'OFFERED':
        // A resumed offer (from PAUSED) is not a new one.
        if (from.status !== 'OPEN') return;
        await this.notifications.notify(
          {
            recipientId: to.offeredTo,
            kind: 'OFFER_MADE',
            facts: { title: task.title, deadline: to.offerExpiresAt },
            ...about,
          },
          manager,
        );
        await this.reminders.scheduleOffer(task.id, to, manager);
        return;
      case 'CLAIMED':
        await this.reminders.scheduleClaim(task.id, to, manager);
        return;
      case 'SUBMITTED':
        for (const reviewerId of await this.reviews.reviewersToNotify(task, manager)) {
          await this.notifications.notify(
            {
              recipientId: reviewerId,
              kind: 'SUBMISSION_WAITING_FOR_REVIEW',
              facts: { title: task.title },
              ...about,
            },
            manager,
          );
        }
        return;
      case 'APPROVED':
        await this.notifications.notify(
          {
            recipientId: to.assigneeId,
            kind: 'TASK_APPROVED',
            facts: { title: task.title },
            ...about,
          },
          manager,
        );
        return;
      case 'PAID':
        await this.notifications.notify(
          {
            recipientId: to.assigneeId,
            kind: 'TASK_PAID',
            facts: {
              title: task.title,
              amount: { amountCents: task.priceCents, currency: task.currency },
            },
            ...about,
          },
          manager,
        );
        return;
      case 'BLOCKED':
      case 'OPEN':
      case 'PAUSED':
      case 'CANCELLED':
        return;
    }
  }
}
