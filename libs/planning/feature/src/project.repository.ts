import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProjectEntity } from './project.entity';

@Injectable()
export class ProjectRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProjectEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<ProjectEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  insert(project: Omit<ProjectEntity, 'id' | 'createdAt' | 'updatedAt'>, manager?: EntityManager) {
    return this.repo(manager).save(this.repo(manager).create(project));
  }

  ownedByQuery(ownerId: string) {
    return this.repo().createQueryBuilder('p').where('p.owner_id = :ownerId', { ownerId });
  }
}
