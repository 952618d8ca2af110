import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Plan, PlannerAudit } from '@splitwork/planning-core';
import { ProjectPlanEntity } from './project-plan.entity';

export interface CachedPlan {
  plan: Plan;
  audit: PlannerAudit;
}

/** Current plans of projects and the plan cache. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProjectPlanEntity);
  }

  findByProject(projectId: string, manager?: EntityManager): Promise<ProjectPlanEntity | null> {
    return this.repo(manager).findOneBy({ projectId });
  }

  findByProjects(projectIds: readonly string[]): Promise<ProjectPlanEntity[]> {
    return this.repo().findBy({ projectId: In([...projectIds]) });
  }

  /** Writes a new version of the plan; the caller holds the project's row lock. */
  async save(projectId: string, runId: string, plan: Plan, now: Date, manager: EntityManager) {
    await manager.query(
      `INSERT INTO project_plans (project_id, run_id, version, document, updated_at)
       VALUES ($1, $2, 1, $3, $4)
       ON CONFLICT (project_id) DO UPDATE
         SET run_id = EXCLUDED.run_id, document = EXCLUDED.document,
             updated_at = EXCLUDED.updated_at, version = project_plans.version + 1`,
      [projectId, runId, JSON.stringify(plan), now],
    );
  }

  /** The cached plan for this input, counting the hit. */
  async cached(key: string): Promise<CachedPlan | null> {
    const rows: { document: Plan; audit: PlannerAudit }[] = await this.dataSource.query(
      `WITH hit AS (
         UPDATE plan_cache SET hits = hits + 1 WHERE cache_key = $1 RETURNING document, audit)
       SELECT * FROM hit`,
      [key],
    );
    return rows[0] ? { plan: rows[0].document, audit: rows[0].audit } : null;
  }

  async cache(key: string, value: CachedPlan, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO plan_cache (cache_key, document, audit) VALUES ($1, $2, $3)
       ON CONFLICT (cache_key) DO NOTHING`,
      [key, JSON.stringify(value.plan), JSON.stringify(value.audit)],
    );
  }
}
