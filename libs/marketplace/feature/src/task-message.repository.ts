import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import type { ThreadVisibility } from '@splitwork/marketplace-core';
import { TaskMessageRevisionEntity } from './task-message-revision.entity';
import { TaskMessageEntity } from './task-message.entity';

export type NewTaskMessage = Pick<
  TaskMessageEntity,
  'taskId' | 'authorId' | 'visibility' | 'assigneeId' | 'body' | 'createdAt'
>;

/** Which messages of a thread a reader gets. */
export interface ThreadFilter {
  readerId: string;
  readPublic: boolean;
  readPrivate: 'ALL' | 'OWN' | 'NONE';
  /** Only this visibility, when given. */
  visibility: ThreadVisibility | null;
}

/** Task threads: messages and the earlier versions of edited ones. */
@Injectable()
export class TaskMessageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(TaskMessageEntity);
  }

  private revisions(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(TaskMessageRevisionEntity);
  }

  insert(message: NewTaskMessage, manager: EntityManager): Promise<TaskMessageEntity> {
    return this.repo(manager).save(this.repo(manager).create(message));
  }

  findById(id: string, manager?: EntityManager): Promise<TaskMessageEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** The message row locked for this transaction: one change at a time. */
  lock(id: string, manager: EntityManager): Promise<TaskMessageEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(message: TaskMessageEntity, manager: EntityManager): Promise<TaskMessageEntity> {
    return this.repo(manager).save(message);
  }

  /** Keeps the text a message had before an edit. */
  async addRevision(
    revision: Pick<TaskMessageRevisionEntity, 'messageId' | 'body' | 'writtenAt' | 'replacedAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await this.revisions(manager).insert(revision);
  }

  /** Forgets every earlier version of a message (it was deleted). */
  async deleteRevisions(messageId: string, manager: EntityManager): Promise<void> {
    await this.revisions(manager).delete({ messageId });
  }

  /** The earlier versions of each message, oldest first. */
  async revisionsOf(messageIds: readonly string[]): Promise<TaskMessageRevisionEntity[]> {
    if (messageIds.length === 0) return [];
    return this.revisions().find({
      where: { messageId: In([...messageIds]) },
      order: { replacedAt: 'ASC', id: 'ASC' },
    });
  }

  /** The user wrote in the task's thread, or had a private conversation on it. */
  hasParticipated(taskId: string, userId: string, manager?: EntityManager): Promise<boolean> {
    return this.repo(manager)
      .createQueryBuilder('m')
      .where('m.task_id = :taskId', { taskId })
      .andWhere('(m.author_id = :userId OR m.assignee_id = :userId)', { userId })
      .getExists();
  }

  /** The authors of the task's public messages other than `exceptMessageId`, each once. */
  async publicPosters(
    taskId: string,
    exceptMessageId: string,
    manager: EntityManager,
  ): Promise<string[]> {
    const rows = await manager.query<{ author_id: string }[]>(
      `SELECT DISTINCT author_id FROM task_messages
        WHERE task_id = $1 AND visibility = 'PUBLIC' AND id <> $2`,
      [taskId, exceptMessageId],
    );
    return rows.map((r) => r.author_id);
  }

  /** The messages of a task's thread the reader may see, for a keyset page. */
  threadQuery(taskId: string, filter: ThreadFilter): SelectQueryBuilder<TaskMessageEntity> {
    const query = this.repo().createQueryBuilder('m').where('m.task_id = :taskId', { taskId });
    if (filter.visibility)
      query.andWhere('m.visibility = :visibility', { visibility: filter.visibility });
    query.andWhere(
      new Brackets((readable) => {
        readable.where('false');
        if (filter.readPublic) readable.orWhere(`m.visibility = 'PUBLIC'`);
        if (filter.readPrivate === 'ALL') readable.orWhere(`m.visibility = 'PRIVATE'`);
        if (filter.readPrivate === 'OWN') {
          readable.orWhere(`(m.visibility = 'PRIVATE' AND m.assignee_id = :readerId)`, {
            readerId: filter.readerId,
          });
        }
      }),
    );
    return query;
  }
}
