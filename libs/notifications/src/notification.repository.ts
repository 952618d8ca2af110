import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, SelectQueryBuilder } from 'typeorm';
import type { EmailStatus } from './email-delivery';
import { NotificationEntity } from './notification.entity';

export type NewNotification = Pick<
  NotificationEntity,
  'recipientId' | 'kind' | 'subject' | 'body' | 'taskId' | 'projectId' | 'dedupeKey' | 'emailStatus'
> & { createdAt: Date };

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(NotificationEntity);
  }

  /** Writes the notification; null when one with the same dedupe key exists (nothing written). */
  async insert(row: NewNotification, manager: EntityManager): Promise<NotificationEntity | null> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO notifications
         (recipient_id, kind, subject, body, task_id, project_id, dedupe_key, email_status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        row.recipientId,
        row.kind,
        row.subject,
        row.body,
        row.taskId,
        row.projectId,
        row.dedupeKey,
        row.emailStatus,
        row.createdAt,
      ],
    );
    if (inserted.length === 0) return null;
    return this.repo(manager).findOneByOrFail({ id: inserted[0].id });
  }

  /** The recipient's inbox (newest first is the caller's order). */
  inboxQuery(recipientId: string, unreadOnly: boolean): SelectQueryBuilder<NotificationEntity> {
    const query = this.repo()
      .createQueryBuilder('n')
      .where('n.recipient_id = :recipientId', { recipientId });
    return unreadOnly ? query.andWhere('n.read_at IS NULL') : query;
  }

  unreadCount(recipientId: string, manager?: EntityManager): Promise<number> {
    return this.repo(manager).countBy({ recipientId, readAt: IsNull() });
  }

  /** How many of `ids` belong to `recipientId`. */
  countOwned(ids: readonly string[], recipientId: string, manager: EntityManager): Promise<number> {
    return this.repo(manager).countBy({ id: In([...ids]), recipientId });
  }

  /** Marks the recipient's unread notifications (those of `ids`, or all) read; returns how many. */
  async markRead(
    recipientId: string,
    ids: readonly string[] | 'ALL',
    at: Date,
    manager: EntityManager,
  ): Promise<number> {
    const result = await this.repo(manager).update(
      ids === 'ALL'
        ? { recipientId, readAt: IsNull() }
        : { recipientId, readAt: IsNull(), id: In([...ids]) },
      { readAt: at },
    );
    return result.affected ?? 0;
  }

  find(id: string, manager?: EntityManager): Promise<NotificationEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** Locks the row for the rest of the transaction (the email job's state changes). */
  lock(id: string, manager: EntityManager): Promise<NotificationEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async setEmailState(
    id: string,
    change: {
      emailStatus: EmailStatus;
      emailAttempts?: number;
      emailSentAt?: Date | null;
      emailError?: string | null;
    },
    manager: EntityManager,
  ): Promise<void> {
    await this.repo(manager).update({ id }, change);
  }
}
