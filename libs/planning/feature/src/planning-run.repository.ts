import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PlanningRunEntity } from './planning-run.entity';
import { PlanningRunStatus } from './target-platform';

@Injectable()
export class PlanningRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PlanningRunEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<PlanningRunEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  lock(id: string, manager: EntityManager): Promise<PlanningRunEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findActive(projectId: string, manager?: EntityManager): Promise<PlanningRunEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('r')
      .where('r.project_id = :projectId AND r.status IN (:...active)', {
        projectId,
        active: [PlanningRunStatus.QUEUED, PlanningRunStatus.RUNNING],
      })
      .getOne();
  }

  create(run: Partial<PlanningRunEntity>, manager: EntityManager): Promise<PlanningRunEntity> {
    return this.repo(manager).save(this.repo(manager).create(run));
  }

  update(
    id: string,
    changes: Partial<PlanningRunEntity>,
    manager?: EntityManager,
  ): Promise<unknown> {
    return this.repo(manager).update({ id }, changes);
  }

  /** Progress of a run still running; a finished run keeps its final state. */
  updateWhileRunning(
    id: string,
    changes: Partial<PlanningRunEntity>,
    manager?: EntityManager,
  ): Promise<unknown> {
    return this.repo(manager).update({ id, status: PlanningRunStatus.RUNNING }, changes);
  }

  /** Runs of any project (alias `r`), for lists that filter and page them per project. */
  runsQuery() {
    return this.repo().createQueryBuilder('r');
  }
}
