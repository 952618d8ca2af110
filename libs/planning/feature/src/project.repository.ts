import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProjectEntity } from './project.entity';

/** What anyone who may browse a project's tasks may read of the project. */
export interface ProjectSummary {
  id: string;
  title: string;
  platforms: string[];
  currency: string;
  deadline: Date | null;
  ownerId: string;
}

@Injectable()
export class ProjectRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProjectEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<ProjectEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** The project row locked for this transaction: serialises runs and edits of one project. */
  lock(id: string, manager: EntityManager): Promise<ProjectEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  update(id: string, changes: Partial<ProjectEntity>, manager: EntityManager): Promise<unknown> {
    return this.repo(manager).update({ id }, changes);
  }

  insert(project: Omit<ProjectEntity, 'id' | 'createdAt' | 'updatedAt'>, manager?: EntityManager) {
    return this.repo(manager).save(this.repo(manager).create(project));
  }

  publicSummaries(ids: readonly string[]): Promise<ProjectSummary[]> {
    return this.dataSource.query<ProjectSummary[]>(
      `SELECT id, title, platforms, currency, deadline, owner_id AS "ownerId"
         FROM projects WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
  }

  ownedByQuery(ownerId: string) {
    return this.repo().createQueryBuilder('p').where('p.owner_id = :ownerId', { ownerId });
  }
}
