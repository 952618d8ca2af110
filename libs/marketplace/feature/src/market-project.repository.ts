import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface MarketProjectSummary {
  id: string;
  title: string;
  platforms: string[];
  currency: string;
  deadline: Date | null;
  ownerId: string;
}

/** The few reads and locks the marketplace takes on planning's projects. */
@Injectable()
export class MarketProjectRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Public summaries of projects (no brief, budget or rate card). */
  summaries(ids: readonly string[]): Promise<MarketProjectSummary[]> {
    return this.dataSource.query<MarketProjectSummary[]>(
      `SELECT id, title, platforms, currency, deadline, owner_id AS "ownerId"
         FROM projects WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
  }

  /** The project's owner, or null when there is no such project. */
  async ownerIdOf(projectId: string, manager: EntityManager): Promise<string | null> {
    const [project] = await manager.query<{ owner_id: string }[]>(
      `SELECT owner_id FROM projects WHERE id = $1`,
      [projectId],
    );
    return project?.owner_id ?? null;
  }

  /** Locks the project row for this transaction: its staffing changes one at a time. */
  async lock(projectId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT id FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
  }
}
