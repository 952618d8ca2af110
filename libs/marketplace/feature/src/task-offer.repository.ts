import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { TaskOfferEntity, TaskOfferSource, TaskOfferStatus } from './task-offer.entity';

export type NewTaskOffer = Omit<TaskOfferEntity, 'id'>;

/** Offers of tasks to freelancers. */
@Injectable()
export class TaskOfferRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(TaskOfferEntity);
  }

  insert(offer: NewTaskOffer, manager: EntityManager): Promise<TaskOfferEntity> {
    return this.repo(manager).save(this.repo(manager).create(offer));
  }

  findById(id: string, manager: EntityManager): Promise<TaskOfferEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findPending(
    taskId: string,
    freelancerId: string,
    manager: EntityManager,
  ): Promise<TaskOfferEntity | null> {
    return this.repo(manager).findOneBy({ taskId, freelancerId, status: 'PENDING' });
  }

  async setStatus(
    id: string,
    status: TaskOfferStatus,
    at: Date,
    manager: EntityManager,
  ): Promise<void> {
    await this.repo(manager).update({ id }, { status, updatedAt: at });
  }

  async setExpiresAt(id: string, expiresAt: Date, manager: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, { expiresAt });
  }

  /** Everyone the task was offered to so far, and how. */
  ofTask(
    taskId: string,
    manager: EntityManager,
  ): Promise<Pick<TaskOfferEntity, 'freelancerId' | 'source'>[]> {
    return this.repo(manager).find({
      where: { taskId },
      select: { freelancerId: true, source: true },
    });
  }

  /** How the task's latest offer was made, if it had one. */
  async latestSourceOf(taskId: string, manager: EntityManager): Promise<TaskOfferSource | null> {
    const [last] = await manager.query<{ source: TaskOfferSource }[]>(
      `SELECT source FROM task_offers WHERE task_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [taskId],
    );
    return last?.source ?? null;
  }

  /** The freelancer's pending offers not yet expired at `now`, for a keyset page. */
  pendingQuery(freelancerId: string, now: Date): SelectQueryBuilder<TaskOfferEntity> {
    return this.repo()
      .createQueryBuilder('o')
      .where(`o.freelancer_id = :freelancerId AND o.status = 'PENDING'`, { freelancerId })
      .andWhere('o.expires_at > :now', { now });
  }
}
