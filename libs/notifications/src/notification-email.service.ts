import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserRepository } from '@splitwork/identity';
import { JobContext, JobRegistry } from '@splitwork/jobs';
import { Clock } from '@splitwork/kernel';
import { classifySendFailure, decideSend, SmtpErrorLike } from './email-delivery';
import { emailText } from './notification-rendering';
import { NotificationMailer, OutgoingEmail } from './notification-mailer';
import { NOTIFICATION_EMAIL_JOB } from './notification.jobs';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationRepository } from './notification.repository';

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/**
 * The email job: each notification's email is sent at most once.
 *
 * SMTP has no idempotency key, so "once" is kept by the notification row:
 *   1. in a transaction fenced to this job execution, the row is locked; a
 *      PENDING row becomes SENDING (attempts + 1) and that commits;
 *   2. the message goes to the SMTP server, its Message-ID the notification id;
 *   3. on the server's acceptance the row becomes SENT.
 * A crash, or a lost lease, between the server's acceptance and step 3
 * leaves the row SENDING. The retry finds SENDING and cannot know whether the
 * server accepted the message, so it marks the row UNCERTAIN and does not
 * send again: a rare lost email (visible on the row, and in the inbox anyway)
 * rather than a duplicate. Failures that certainly delivered nothing (the
 * server refused with a reply code, or no connection was made) put the row
 * back to PENDING and the job runner retries with backoff; a permanent
 * refusal (5xx) ends in FAILED.
 */
@Injectable()
export class NotificationEmailService implements OnModuleInit {
  private readonly logger = new Logger('NotificationEmail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly links: NotificationPreferencesService,
    private readonly users: UserRepository,
    private readonly mailer: NotificationMailer,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(NOTIFICATION_EMAIL_JOB, ({ notificationId }, job) =>
      this.send(notificationId, job),
    );
  }

  async send(notificationId: string, job: JobContext): Promise<void> {
    const email = await this.begin(notificationId, job);
    if (!email) return;
    try {
      await this.mailer.send(email);
    } catch (error) {
      const failure = classifySendFailure(error as SmtpErrorLike);
      if (failure.kind === 'MAYBE_DELIVERED') {
        await this.finish(notificationId, {
          emailStatus: 'UNCERTAIN',
          emailError: errorText(error),
        });
        this.logger.warn(
          { notificationId, err: error },
          'email may have been delivered; it is not sent again',
        );
        return;
      }
      await this.finish(notificationId, {
        emailStatus: failure.retryable ? 'PENDING' : 'FAILED',
        emailError: errorText(error),
      });
      if (failure.retryable) throw error; // the job runner retries with backoff
      this.logger.warn({ notificationId, err: error }, 'email refused for good');
      return;
    }
    await this.finish(notificationId, {
      emailStatus: 'SENT',
      emailSentAt: this.clock.now(),
      emailError: null,
    });
  }

  /** Step 1: claims the email for this execution; null when there is nothing to send. */
  private begin(notificationId: string, job: JobContext): Promise<OutgoingEmail | null> {
    return this.dataSource.transaction(async (manager) => {
      await job.assertStillOwner(manager);
      const notification = await this.notifications.lock(notificationId, manager);
      if (!notification) return null;
      switch (decideSend(notification.emailStatus)) {
        case 'DONE':
          return null;
        case 'MARK_UNCERTAIN':
          await this.notifications.setEmailState(
            notificationId,
            {
              emailStatus: 'UNCERTAIN',
              emailError: 'An earlier attempt stopped after starting to send; not sent again',
            },
            manager,
          );
          this.logger.warn({ notificationId }, 'email attempt interrupted; not sent again');
          return null;
        case 'SEND':
          break;
      }
      const recipient = await this.users.findById(notification.recipientId, manager);
      // Unsubscribed since the notification was written: the latest choice wins.
      const wanted = await this.preferences.emailEnabled(
        notification.recipientId,
        notification.kind,
        manager,
      );
      if (!recipient || !wanted) {
        await this.notifications.setEmailState(notificationId, { emailStatus: 'SKIPPED' }, manager);
        return null;
      }
      await this.notifications.setEmailState(
        notificationId,
        { emailStatus: 'SENDING', emailAttempts: notification.emailAttempts + 1 },
        manager,
      );
      const unsubscribeUrl = this.links.unsubscribeUrl(recipient.id, notification.kind);
      return {
        notificationId,
        to: recipient.email,
        subject: notification.subject,
        text: emailText(notification, {
          kind: unsubscribeUrl,
          all: this.links.unsubscribeUrl(recipient.id, 'ALL'),
        }),
        unsubscribeUrl,
      };
    });
  }

  /** Steps 3 and the failures: records the outcome, only over this execution's SENDING. */
  private async finish(
    notificationId: string,
    change: Parameters<NotificationRepository['setEmailState']>[1],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.notifications.lock(notificationId, manager);
      // A concurrent execution may have judged our attempt UNCERTAIN meanwhile;
      // knowing it was accepted is better.
      const ours =
        current?.emailStatus === 'SENDING' ||
        (current?.emailStatus === 'UNCERTAIN' && change.emailStatus === 'SENT');
      if (!ours) return;
      await this.notifications.setEmailState(notificationId, change, manager);
    });
  }
}
