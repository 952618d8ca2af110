import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { defineJob, JobContext, JobQueue, JobRegistry } from '@splitwork/jobs';
import { Clock } from '@splitwork/kernel';
import { TaskRepository } from '@splitwork/marketplace';
import { NotificationService, reminderTime } from '@splitwork/notifications';

interface OfferReminder {
  taskId: string;
  freelancerId: string;
  /** ISO time: identifies the offer. */
  offeredAt: string;
}

interface ClaimReminder {
  taskId: string;
  assigneeId: string;
  /** ISO time and revision: identify the claim. */
  claimedAt: string;
  revision: number;
}

/** Before an offer expires: tells the freelancer, once per offer. */
export const OFFER_REMINDER_JOB = defineJob<OfferReminder>('notifications.offer-reminder', {
  maxAttempts: 10,
});

/** Before a claim's deadline: tells the assignee, once per claim (and revision). */
export const CLAIM_REMINDER_JOB = defineJob<ClaimReminder>('notifications.claim-reminder', {
  maxAttempts: 10,
});

/**
 * The two deadline reminders. Scheduled like the marketplace's own expiry
 * jobs, in the transaction of the transition that starts the clock (one
 * pending job per task: a newer offer or claim replaces it), and due a
 * quarter of the window before the deadline (`reminderTime`). When due, the
 * job checks that the same offer or claim still stands and notifies with a
 * dedupe key, so a retried or repeated job notifies once.
 */
@Injectable()
export class NotificationReminders implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly notifications: NotificationService,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(OFFER_REMINDER_JOB, (payload, job) => this.remindOffer(payload, job));
    this.registry.register(CLAIM_REMINDER_JOB, (payload, job) => this.remindClaim(payload, job));
  }

  async scheduleOffer(
    taskId: string,
    offer: { offeredTo: string; offeredAt: Date; offerExpiresAt: Date },
    manager: EntityManager,
  ): Promise<void> {
    await this.jobs.enqueue(
      manager,
      OFFER_REMINDER_JOB,
      { taskId, freelancerId: offer.offeredTo, offeredAt: offer.offeredAt.toISOString() },
      {
        runAt: reminderTime(this.clock.now(), offer.offerExpiresAt),
        jobKey: `notifications.offer-reminder:${taskId}`,
      },
    );
  }

  async scheduleClaim(
    taskId: string,
    claim: { assigneeId: string; claimedAt: Date; claimDeadline: Date; revision: number },
    manager: EntityManager,
  ): Promise<void> {
    await this.jobs.enqueue(
      manager,
      CLAIM_REMINDER_JOB,
      {
        taskId,
        assigneeId: claim.assigneeId,
        claimedAt: claim.claimedAt.toISOString(),
        revision: claim.revision,
      },
      {
        runAt: reminderTime(this.clock.now(), claim.claimDeadline),
        jobKey: `notifications.claim-reminder:${taskId}`,
      },
    );
  }

  private async remindOffer(payload: OfferReminder, job: JobContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await job.assertStillOwner(manager);
      const task = await this.tasks.findById(payload.taskId, manager);
      const state = task?.state;
      if (
        !task ||
        state?.status !== 'OFFERED' ||
        state.offeredTo !== payload.freelancerId ||
        state.offeredAt.toISOString() !== payload.offeredAt ||
        state.offerExpiresAt <= this.clock.now()
      ) {
        return; // accepted, declined, withdrawn or expired meanwhile
      }
      await this.notifications.notify(
        {
          recipientId: state.offeredTo,
          kind: 'OFFER_EXPIRING',
          facts: { title: task.title, deadline: state.offerExpiresAt },
          taskId: task.id,
          projectId: task.projectId,
          dedupeKey: `offer-expiring:${task.id}:${payload.offeredAt}`,
        },
        manager,
      );
    });
  }

  private async remindClaim(payload: ClaimReminder, job: JobContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await job.assertStillOwner(manager);
      const task = await this.tasks.findById(payload.taskId, manager);
      const state = task?.state;
      if (
        !task ||
        state?.status !== 'CLAIMED' ||
        state.assigneeId !== payload.assigneeId ||
        state.revision !== payload.revision ||
        state.claimedAt.toISOString() !== payload.claimedAt ||
        state.claimDeadline <= this.clock.now()
      ) {
        return; // submitted, released or expired meanwhile
      }
      await this.notifications.notify(
        {
          recipientId: state.assigneeId,
          kind: 'CLAIM_DEADLINE_APPROACHING',
          facts: { title: task.title, deadline: state.claimDeadline },
          taskId: task.id,
          projectId: task.projectId,
          dedupeKey: `claim-deadline:${task.id}:${payload.claimedAt}:${payload.revision}`,
        },
        manager,
      );
    });
  }
}
