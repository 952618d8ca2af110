import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '@splitwork/database';
import { UserRepository } from '@splitwork/identity';
import { isUuid, Role } from '@splitwork/kernel';
import {
  AppealDecided,
  ReviewService,
  TaskDisputeOpened,
  TaskDisputeResolved,
  TaskMessagePosted,
  TaskRepository,
  TaskReviewed,
  TaskThreadService,
  TaskTransition,
  TaskTransitioned,
} from '@splitwork/marketplace';
import { NotificationService } from '@splitwork/notifications';
import { PayoutPaid } from '@splitwork/payments';
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
 *     → SUBMITTED: the project's assigned reviewers, or on a project without
 *       one the best-fitting REVIEW_QUEUE_NOTIFY_LIMIT reviewers the review
 *       queue offers it to (SUBMISSION_WAITING_FOR_REVIEW, once per revision)
 *     → APPROVED (review, auto-approval, appeal): the assignee (TASK_APPROVED)
 *     → PAID (settlement.flow.ts, after PayoutPaid): the assignee (TASK_PAID).
 *       PayoutPaid itself is not subscribed: for a task payout it is this
 *       transition; a reviewer's fee payout is wired below.
 *   TaskReviewed (marketplace, after the review row is stored)
 *     → REQUEST_CHANGES: the assignee, with the feedback and the failed criteria
 *     → REJECT: the freelancer whose submission it was (SUBMISSION_REJECTED), likewise
 *   AppealDecided (marketplace) → the appellant (APPEAL_DECIDED)
 *   TaskMessagePosted (marketplace threads) → THREAD_MESSAGE (email off by
 *     default) to marketplace-core `threadMessageRecipients`: PRIVATE → the
 *     owner, the project's reviewers and the assignee; PUBLIC question → the
 *     owner and the project's reviewers; PUBLIC answer (by one of them or an
 *     admin) → who posted in the public thread before; never the author
 *   TaskDisputeOpened (marketplace) → DISPUTE_OPENED to the owner (a receipt),
 *     the freelancer, the approving reviewer and every admin
 *   TaskDisputeResolved (marketplace) → DISPUTE_RESOLVED to the owner, the
 *     freelancer and the approving reviewer (outcome and the admin's note)
 *   PayoutPaid with payeeRole REVIEWER (payments) → the reviewer (TASK_PAID,
 *     the fee's amount)
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
    private readonly tasks: TaskRepository,
    private readonly threads: TaskThreadService,
    private readonly users: UserRepository,
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

    this.events.on(TaskMessagePosted, async (posted, manager) => {
      const recipients = await this.threads.recipientsOf(posted, manager);
      if (recipients.length === 0) return;
      const title = await this.taskTitle(posted.taskId, manager);
      const author = await this.users.findById(posted.authorId, manager);
      for (const recipientId of recipients) {
        await this.notifications.notify(
          {
            recipientId,
            kind: 'THREAD_MESSAGE',
            facts: {
              title,
              author: author?.displayName,
              excerpt: excerptOf(posted.message.body),
            },
            taskId: posted.taskId,
            projectId: posted.projectId,
          },
          manager,
        );
      }
    });

    this.events.on(TaskDisputeOpened, async (opened, manager) => {
      const admins = await this.users.idsOfRole(Role.ADMIN, manager);
      const title = await this.taskTitle(opened.taskId, manager);
      const involved = [opened.ownerId, opened.freelancerId, opened.reviewerId, ...admins];
      for (const recipientId of distinct(involved)) {
        await this.notifications.notify(
          {
            recipientId,
            kind: 'DISPUTE_OPENED',
            facts: { title, reason: opened.reason },
            taskId: opened.taskId,
            projectId: opened.projectId,
          },
          manager,
        );
      }
    });

    this.events.on(TaskDisputeResolved, async (resolved, manager) => {
      const title = await this.taskTitle(resolved.taskId, manager);
      const involved = [resolved.ownerId, resolved.freelancerId, resolved.reviewerId];
      for (const recipientId of distinct(involved)) {
        await this.notifications.notify(
          {
            recipientId,
            kind: 'DISPUTE_RESOLVED',
            facts: { title, outcome: resolved.outcome, reason: resolved.note ?? undefined },
            taskId: resolved.taskId,
            projectId: resolved.projectId,
          },
          manager,
        );
      }
    });

    // A task's own payout is told through its PAID transition (below); a
    // reviewer's fee payout leaves the task as it is, so it is told here.
    this.events.on(PayoutPaid, async (paid, manager) => {
      if (paid.payeeRole !== 'REVIEWER') return;
      // The reference names a task for marketplace payouts; any other is told without one.
      const task = isUuid(paid.taskRef) ? await this.tasks.findById(paid.taskRef, manager) : null;
      await this.notifications.notify(
        {
          recipientId: paid.payeeId,
          kind: 'TASK_PAID',
          facts: { title: task?.title ?? 'a review', amount: paid.amount },
          taskId: task?.id ?? null,
          projectId: paid.projectId,
          dedupeKey: `payout-paid:${paid.payoutId}`,
        },
        manager,
      );
    });
  }

  private async taskTitle(taskId: string, manager: EntityManager): Promise<string> {
    return (await this.tasks.findById(taskId, manager))?.title ?? 'a task';
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
              // Once per submitted revision, whatever replays the transition.
              dedupeKey: `review-waiting:${task.id}:${to.revision}:${reviewerId}`,
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

/** Each id once, without the missing ones. */
function distinct(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/** The first words of a message for its notification. */
function excerptOf(body: string, max = 200): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
