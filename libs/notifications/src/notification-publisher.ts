import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withFilter } from 'graphql-subscriptions';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { EventBus } from '@splitwork/api-kit';
import { NotificationModel } from './dto/notification.model';
import type { NotificationEntity } from './notification.entity';

const TOPIC = 'notifications.received';
/** Key in the transaction's QueryRunner data: the notifications waiting for its commit. */
const PENDING = Symbol('notifications.pending');

export interface NotificationReceivedEvent {
  recipientId: string;
  notificationReceived: NotificationModel;
}

/**
 * Pushes each new notification to its recipient's `notificationReceived`
 * subscriptions, only after the transaction that wrote it commits (a
 * rolled-back cause is never announced), as the marketplace's task events do.
 */
@Injectable()
export class NotificationPublisher implements OnModuleInit {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push({
      afterTransactionCommit: (event) => this.flush(event.queryRunner, true),
      afterTransactionRollback: (event) => this.flush(event.queryRunner, false),
    });
  }

  /** In the notification's transaction: announce it once that transaction commits. */
  queue(notification: NotificationEntity, manager: EntityManager): void {
    const runner = manager.queryRunner;
    const event: NotificationReceivedEvent = {
      recipientId: notification.recipientId,
      notificationReceived: NotificationModel.from(notification),
    };
    if (!runner?.isTransactionActive) {
      void this.publish(event);
      return;
    }
    ((runner.data as Record<symbol, NotificationReceivedEvent[]>)[PENDING] ??= []).push(event);
  }

  private flush(runner: QueryRunner, committed: boolean): void {
    const data = runner.data as Record<symbol, NotificationReceivedEvent[] | undefined>;
    const pending = data[PENDING];
    if (!pending) return;
    if (committed && runner.isTransactionActive) return; // a savepoint, not the commit
    delete data[PENDING];
    if (!committed) return;
    for (const event of pending) void this.publish(event);
  }

  private async publish(event: NotificationReceivedEvent): Promise<void> {
    try {
      await this.bus.publish(TOPIC, event);
    } catch (error) {
      this.logger.error({ err: error }, 'publishing a notification failed');
    }
  }

  /** The recipient's own notifications, nobody else's. */
  received(recipientId: string): Promise<AsyncIterableIterator<unknown>> {
    return withFilter(
      () => this.bus.asyncIterableIterator<NotificationReceivedEvent>(TOPIC),
      (payload?: NotificationReceivedEvent) => payload?.recipientId === recipientId,
    )() as Promise<AsyncIterableIterator<unknown>>;
  }
}
