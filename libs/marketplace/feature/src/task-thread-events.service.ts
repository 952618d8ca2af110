import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withFilter } from 'graphql-subscriptions';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { EventBus, Viewer } from '@splitwork/api-kit';
import { TaskMessageModel } from './dto/task-message.model';
import { TaskMessagePosted } from './task-message-posted.event';
import { TaskThreadService } from './task-thread.service';

const POSTED_TOPIC = 'marketplace.task-message-posted';
/** Key in the transaction's QueryRunner data: the messages waiting for its commit. */
const PENDING = Symbol('marketplace.pending-task-messages');

export interface TaskMessagePostedEvent {
  taskMessagePosted: TaskMessageModel;
  assigneeId: string | null;
}

/**
 * New thread messages pushed to subscribers: collected in the posting
 * transaction (task-thread.flow.ts), published only after it commits, and
 * delivered to each subscriber only if the read rules let them read the
 * message at that moment.
 */
@Injectable()
export class TaskThreadEventsService implements OnModuleInit {
  private readonly logger = new Logger('TaskThreadEvents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly threads: TaskThreadService,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push({
      afterTransactionCommit: (event) => this.flush(event.queryRunner, true),
      afterTransactionRollback: (event) => this.flush(event.queryRunner, false),
    });
  }

  /** In the posting transaction: queue the message for the commit. */
  collect(posted: TaskMessagePosted, manager: EntityManager): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner) return Promise.resolve();
    const pending = ((runner.data as Record<symbol, TaskMessagePostedEvent[]>)[PENDING] ??= []);
    pending.push({
      taskMessagePosted: TaskMessageModel.from(posted.message),
      assigneeId: posted.assigneeId,
    });
    return Promise.resolve();
  }

  private flush(runner: QueryRunner, committed: boolean): void {
    const data = runner.data as Record<symbol, TaskMessagePostedEvent[] | undefined>;
    const pending = data[PENDING];
    if (!pending) return;
    if (committed && runner.isTransactionActive) return; // a savepoint, not the commit
    delete data[PENDING];
    if (!committed) return;
    for (const payload of pending) {
      this.bus
        .publish(POSTED_TOPIC, payload)
        .catch((error: unknown) =>
          this.logger.error({ err: error, topic: POSTED_TOPIC }, 'publishing a message failed'),
        );
    }
  }

  /**
   * Subscribe-time: NOT_FOUND unless the viewer may see the task's thread.
   * Per message: the viewer's read rules as they are when it arrives.
   */
  async posted(viewer: Viewer, taskId: string): Promise<AsyncIterableIterator<unknown>> {
    await this.threads.standing(viewer, taskId);
    return withFilter(
      () => this.bus.asyncIterableIterator<TaskMessagePostedEvent>(POSTED_TOPIC),
      async (payload?: TaskMessagePostedEvent) =>
        !!payload &&
        payload.taskMessagePosted.taskId === taskId &&
        (await this.threads.mayRead(viewer, {
          taskId,
          visibility: payload.taskMessagePosted.visibility,
          assigneeId: payload.assigneeId,
        })),
    )() as Promise<AsyncIterableIterator<unknown>>;
  }
}
