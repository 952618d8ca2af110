import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppealEntity } from './appeal.entity';

/** Appeals against rejections. */
@Injectable()
export class AppealRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AppealEntity);
  }

  /** The new appeal, or null when that rejection was already appealed. */
  async insertOnce(
    appeal: { taskId: string; freelancerId: string; revision: number; reason: string },
    manager: EntityManager,
  ): Promise<AppealEntity | null> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO task_appeals (task_id, freelancer_id, revision, reason)
       VALUES ($1, $2, $3, $4) ON CONFLICT (task_id, freelancer_id, revision) DO NOTHING
       RETURNING id`,
      [appeal.taskId, appeal.freelancerId, appeal.revision, appeal.reason],
    );
    if (!inserted[0]) return null;
    return this.repo(manager).findOneByOrFail({ id: inserted[0].id });
  }

  /** The appeal row locked for this transaction: one decision at a time. */
  lock(id: string, manager: EntityManager): Promise<AppealEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(appeal: AppealEntity, manager: EntityManager): Promise<AppealEntity> {
    return this.repo(manager).save(appeal);
  }

  /** Undecided appeals, for a keyset page. */
  openQuery(): SelectQueryBuilder<AppealEntity> {
    return this.repo().createQueryBuilder('a').where(`a.status = 'OPEN'`);
  }
}
