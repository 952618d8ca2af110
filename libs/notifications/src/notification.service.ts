import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConnectionShape, keysetConnection, Viewer } from '@splitwork/api-kit';
import { JobQueue } from '@splitwork/jobs';
import { Clock, DomainError } from '@splitwork/kernel';
import { NotificationModel } from './dto/notification.model';
import { NotificationKind } from './notification-kind';
import { NotificationFacts, renderNotification } from './notification-rendering';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATION_EMAIL_JOB } from './notification.jobs';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { NotificationPublisher } from './notification-publisher';
import { NotificationRepository } from './notification.repository';

/** What a flow asks to notify: who, what kind, and the facts the text is made of. */
export interface NotifyCommand {
  recipientId: string;
  kind: NotificationKind;
  facts: NotificationFacts;
  taskId?: string | null;
  projectId?: string | null;
  /** Notify at most once per key (e.g. one reminder per offer). */
  dedupeKey?: string | null;
}

/**
 * The inbox: notifications written by the flows (notifications.flow.ts) in
 * the transaction of their cause, read and marked read by their recipient.
 */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly publisher: NotificationPublisher,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * In the caller's transaction: the notification row, its email job when the
   * recipient wants this kind by email (sent after commit by the job runner),
   * and its announcement to the recipient's subscriptions after commit.
   * Null when a notification with the same dedupe key exists (nothing written).
   */
  async notify(command: NotifyCommand, manager: EntityManager): Promise<NotificationEntity | null> {
    const { subject, body } = renderNotification(command.kind, command.facts);
    const email = await this.preferences.emailEnabled(command.recipientId, command.kind, manager);
    const notification = await this.notifications.insert(
      {
        recipientId: command.recipientId,
        kind: command.kind,
        subject,
        body,
        taskId: command.taskId ?? null,
        projectId: command.projectId ?? null,
        dedupeKey: command.dedupeKey ?? null,
        emailStatus: email ? 'PENDING' : 'SKIPPED',
        createdAt: this.clock.now(),
      },
      manager,
    );
    if (!notification) return null;
    if (email) {
      await this.jobs.enqueue(manager, NOTIFICATION_EMAIL_JOB, { notificationId: notification.id });
    }
    this.publisher.queue(notification, manager);
    return notification;
  }

  /** The caller's inbox, newest first. */
  inbox(
    viewer: Viewer,
    args: { first: number; after?: string; unreadOnly: boolean },
  ): Promise<ConnectionShape<NotificationModel>> {
    return keysetConnection(
      this.notifications.inboxQuery(viewer.id, args.unreadOnly),
      {
        alias: 'n',
        sortColumn: 'created_at',
        direction: 'DESC',
        first: args.first,
        after: args.after,
        sortType: 'timestamp',
        sortValueOf: (n: NotificationEntity) => n.createdAt.toISOString(),
      },
      (n) => NotificationModel.from(n),
    );
  }

  unreadCount(viewer: Viewer): Promise<number> {
    return this.notifications.unreadCount(viewer.id);
  }

  /**
   * Marks the caller's notifications read: the given ones, or all. An id
   * that is not the caller's (someone else's, or none at all) is NOT_FOUND
   * and nothing is marked.
   */
  async markRead(
    viewer: Viewer,
    input: { ids?: string[] | null; all?: boolean | null },
  ): Promise<{ marked: number; unreadCount: number }> {
    const hasIds = !!input.ids && input.ids.length > 0;
    if (hasIds === (input.all === true)) {
      throw DomainError.badInput('Give either ids or all: true', { field: 'ids' });
    }
    return this.dataSource.transaction(async (manager) => {
      let marked: number;
      if (hasIds) {
        const ids = [...new Set(input.ids)];
        const owned = await this.notifications.countOwned(ids, viewer.id, manager);
        if (owned !== ids.length) throw DomainError.notFound('Notification');
        marked = await this.notifications.markRead(viewer.id, ids, this.clock.now(), manager);
      } else {
        marked = await this.notifications.markRead(viewer.id, 'ALL', this.clock.now(), manager);
      }
      return { marked, unreadCount: await this.notifications.unreadCount(viewer.id, manager) };
    });
  }

  received(viewer: Viewer): Promise<AsyncIterableIterator<unknown>> {
    return this.publisher.received(viewer.id);
  }
}
