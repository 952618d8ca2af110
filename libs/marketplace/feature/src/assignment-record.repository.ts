import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentRecordEntity } from './assignment-record.entity';

export type NewAssignmentRecord = Omit<AssignmentRecordEntity, 'id' | 'createdAt'>;

/** One row per finished hold of a task by a freelancer: what reputation is computed from. */
@Injectable()
export class AssignmentRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AssignmentRecordEntity);
  }

  async insert(record: NewAssignmentRecord, manager: EntityManager): Promise<void> {
    await this.repo(manager).insert(record);
  }

  save(record: AssignmentRecordEntity, manager: EntityManager): Promise<AssignmentRecordEntity> {
    return this.repo(manager).save(record);
  }

  async update(
    id: string,
    changes: Partial<Pick<AssignmentRecordEntity, 'result' | 'reviewScore' | 'finishedAt'>>,
    manager: EntityManager,
  ): Promise<void> {
    await this.repo(manager).update(id, changes);
  }

  /** The freelancer's latest rejected hold of the task. */
  latestRejected(
    taskId: string,
    freelancerId: string,
    manager: EntityManager,
  ): Promise<AssignmentRecordEntity | null> {
    return this.repo(manager).findOne({
      where: { taskId, freelancerId, result: 'REJECTED' },
      order: { finishedAt: 'DESC' },
    });
  }

  /** The freelancer's latest hold of the task. */
  latestOf(
    taskId: string,
    freelancerId: string,
    manager: EntityManager,
  ): Promise<AssignmentRecordEntity | null> {
    return this.repo(manager).findOne({
      where: { taskId, freelancerId },
      order: { finishedAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /** The task's approved hold. */
  approvedOf(taskId: string, manager: EntityManager): Promise<AssignmentRecordEntity | null> {
    return this.repo(manager).findOneBy({ taskId, result: 'APPROVED' });
  }

  /** Every hold of the freelancer, oldest first. */
  ofFreelancer(freelancerId: string, manager?: EntityManager): Promise<AssignmentRecordEntity[]> {
    return this.repo(manager).find({
      where: { freelancerId },
      order: { finishedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Approved holds with reported hours on the owner's projects (estimate calibration). */
  approvedWithHoursForOwner(
    ownerId: string,
    manager: EntityManager,
  ): Promise<AssignmentRecordEntity[]> {
    return this.repo(manager)
      .createQueryBuilder('r')
      .innerJoin('projects', 'p', 'p.id = r.project_id')
      .where(`r.result = 'APPROVED'`)
      .andWhere('r.actual_hours IS NOT NULL')
      .andWhere('p.owner_id = :ownerId', { ownerId })
      .getMany();
  }
}
