import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FundingEntity } from './funding.entity';

/** Read side of project fundings. */
@Injectable()
export class FundingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest funding of each of the projects that has one, in one query. */
  latestOfProjects(
    projectIds: readonly string[],
    manager?: EntityManager,
  ): Promise<FundingEntity[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.dataSource.manager)
      .getRepository(FundingEntity)
      .createQueryBuilder('f')
      .where(
        `f.id IN (SELECT DISTINCT ON (project_id) id FROM project_fundings
                  WHERE project_id = ANY(:projectIds)
                  ORDER BY project_id, created_at DESC, id DESC)`,
        { projectIds: [...projectIds] },
      )
      .getMany();
  }
}
