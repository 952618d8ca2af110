import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TaskPool } from '@splitwork/marketplace-core';

/**
 * SQL condition: the project of the task aliased `alias` admits the
 * freelancer bound to `:${param}` (public project, listed freelancer, or
 * member of the project's organization).
 */
export function visibleToFreelancer(alias: string, param: string): string {
  return visibleToFreelancerSql(alias, `:${param}`);
}

/**
 * The same rule with the freelancer's id as any placeholder (`$3`), for
 * hand-built statements. `hasPool` says the task's project has a private
 * pool: by default a probe of project_talent_pools; a statement that joins
 * the project passes its `has_talent_pool` column (the same fact, kept by a
 * trigger on project_talent_pools), which costs nothing per row.
 */
export function visibleToFreelancerSql(
  alias: string,
  freelancerId: string,
  hasPool = `EXISTS (SELECT 1 FROM project_talent_pools pool WHERE pool.project_id = ${alias}.project_id)`,
): string {
  return `(NOT ${hasPool}
    OR EXISTS (SELECT 1 FROM project_pool_members pm
               WHERE pm.project_id = ${alias}.project_id AND pm.freelancer_id = ${freelancerId})
    OR EXISTS (SELECT 1 FROM project_talent_pools pool
               JOIN organization_members om ON om.organization_id = pool.organization_id
               WHERE pool.project_id = ${alias}.project_id AND om.user_id = ${freelancerId}))`;
}

export interface OrganizationRow {
  id: string;
  name: string;
  createdBy: string;
}

/** Organizations of freelancers and projects' private talent pools. */
@Injectable()
export class TalentPoolRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager): DataSource | EntityManager {
    return manager ?? this.dataSource;
  }

  async createOrganization(name: string, createdBy: string): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO organizations (name, created_by) VALUES ($1, $2) RETURNING id`,
      [name, createdBy],
    );
    return row.id;
  }

  async organization(id: string): Promise<OrganizationRow | null> {
    const [row] = await this.dataSource.query<{ id: string; name: string; created_by: string }[]>(
      `SELECT id, name, created_by FROM organizations WHERE id = $1`,
      [id],
    );
    return row ? { id: row.id, name: row.name, createdBy: row.created_by } : null;
  }

  /** The organization's members, in the order they joined. */
  async memberIds(organizationId: string): Promise<string[]> {
    const members = await this.dataSource.query<{ user_id: string }[]>(
      `SELECT user_id FROM organization_members WHERE organization_id = $1 ORDER BY created_at, user_id`,
      [organizationId],
    );
    return members.map((m) => m.user_id);
  }

  async addMember(organizationId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO organization_members (organization_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [organizationId, userId],
    );
  }

  async removeMembers(organizationId: string, userIds: readonly string[]): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM organization_members WHERE organization_id = $1 AND user_id = ANY($2::uuid[])`,
      [organizationId, [...userIds]],
    );
  }

  /** The organizations the user is a member of. */
  async organizationIdsOf(userId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.db(manager).query<{ organization_id: string }[]>(
      `SELECT organization_id FROM organization_members WHERE user_id = $1`,
      [userId],
    );
    return rows.map((o) => o.organization_id);
  }

  /** Who may work on the project's tasks. */
  async poolOf(projectId: string, manager: EntityManager): Promise<TaskPool> {
    const [pool] = await manager.query<{ organization_id: string | null }[]>(
      `SELECT organization_id FROM project_talent_pools WHERE project_id = $1`,
      [projectId],
    );
    if (!pool) return { kind: 'PUBLIC' };
    if (pool.organization_id) return { kind: 'ORGANIZATION', organizationId: pool.organization_id };
    const members = await manager.query<{ freelancer_id: string }[]>(
      `SELECT freelancer_id FROM project_pool_members WHERE project_id = $1`,
      [projectId],
    );
    return { kind: 'FREELANCERS', freelancerIds: members.map((m) => m.freelancer_id) };
  }

  /** Writes the project's pool: an organization, or (null) the listed freelancers. */
  async insertPool(
    projectId: string,
    organizationId: string | null,
    freelancerIds: readonly string[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO project_talent_pools (project_id, organization_id) VALUES ($1, $2)`,
      [projectId, organizationId],
    );
    for (const id of freelancerIds) {
      await manager.query(
        `INSERT INTO project_pool_members (project_id, freelancer_id) VALUES ($1, $2)`,
        [projectId, id],
      );
    }
  }

  async deletePool(projectId: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM project_talent_pools WHERE project_id = $1`, [projectId]);
  }
}
