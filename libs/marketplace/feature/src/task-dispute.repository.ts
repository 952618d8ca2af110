import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { TaskDisputeEntity } from './task-dispute.entity';

/** Owners' disputes of approved tasks. */
@Injectable()
export class TaskDisputeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(TaskDisputeEntity);
  }

  /** The new dispute, or null when the task was disputed already. */
  async insertOnce(
    dispute: { taskId: string; ownerId: string; reason: string },
    manager: EntityManager,
  ): Promise<TaskDisputeEntity | null> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO task_disputes (task_id, owner_id, reason)
       VALUES ($1, $2, $3) ON CONFLICT (task_id) DO NOTHING
       RETURNING id`,
      [dispute.taskId, dispute.ownerId, dispute.reason],
    );
    if (!inserted[0]) return null;
    return this.repo(manager).findOneByOrFail({ id: inserted[0].id });
  }

  find(id: string, manager?: EntityManager): Promise<TaskDisputeEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** The dispute row locked for this transaction: one decision at a time. */
  lock(id: string, manager: EntityManager): Promise<TaskDisputeEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(dispute: TaskDisputeEntity, manager: EntityManager): Promise<TaskDisputeEntity> {
    return this.repo(manager).save(dispute);
  }

  /** Undecided disputes, for a keyset page. */
  openQuery(): SelectQueryBuilder<TaskDisputeEntity> {
    return this.repo().createQueryBuilder('d').where(`d.status = 'OPEN'`);
  }
}
