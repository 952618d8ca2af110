import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The experts assigned to projects (`project_reviewers`). */
@Injectable()
export class ProjectReviewerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reviewerIdsOf(projectId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ reviewer_id: string }[]>(
      `SELECT reviewer_id FROM project_reviewers WHERE project_id = $1`,
      [projectId],
    );
    return rows.map((r) => r.reviewer_id);
  }

  async isReviewer(
    projectId: string,
    reviewerId: string,
    manager?: EntityManager,
  ): Promise<boolean> {
    const rows = await (manager ?? this.dataSource).query<unknown[]>(
      `SELECT 1 FROM project_reviewers WHERE project_id = $1 AND reviewer_id = $2`,
      [projectId, reviewerId],
    );
    return rows.length > 0;
  }

  async add(projectId: string, reviewerId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO project_reviewers (project_id, reviewer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [projectId, reviewerId],
    );
  }
}
