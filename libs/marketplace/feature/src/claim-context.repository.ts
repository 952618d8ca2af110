import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { FreelancerSkill, TaskPool } from '@splitwork/marketplace-core';

/** What the claim gate reads from the database for one freelancer and one task. */
export interface ClaimContextRow {
  /** Absent (null) when the freelancer has no profile. */
  skills: FreelancerSkill[] | null;
  reputation: number | null;
  coolDownUntil: Date | null;
  organizationIds: string[];
  activeClaims: number;
  pool: TaskPool;
  projectReviewerIds: string[];
}

interface RawRow {
  has_profile: boolean;
  skills: FreelancerSkill[] | null;
  reputation: string | null;
  cool_down_until: Date | null;
  organization_ids: string[];
  active_claims: number;
  pooled: boolean;
  pool_organization_id: string | null;
  pool_member_ids: string[];
  reviewer_ids: string[];
}

/**
 * Everything the claim gate decides on, in one statement (issue 12: a claim
 * holds its task's row lock while this runs, so one round trip instead of
 * seven): the freelancer's profile (skills, reputation), the cool-down on
 * this task, the organizations they belong to, their active claims (a paused
 * claim still counts: isActiveClaimOf), the project's talent pool and its
 * reviewers. Each part is the same look-up the talent-pool, profile, task and
 * project-reviewer repositories make on their own.
 */
@Injectable()
export class ClaimContextRepository {
  async load(
    freelancerId: string,
    task: { id: string; projectId: string },
    manager: EntityManager,
  ): Promise<ClaimContextRow> {
    const [row] = await manager.query<RawRow[]>(
      `SELECT p.user_id IS NOT NULL AS has_profile, p.skills, p.reputation,
              (SELECT until FROM claim_cooldowns WHERE task_id = $2 AND freelancer_id = $1) AS cool_down_until,
              ARRAY(SELECT organization_id::text FROM organization_members WHERE user_id = $1) AS organization_ids,
              (SELECT count(*)::int FROM marketplace_tasks
                WHERE (status = 'CLAIMED' AND assignee_id = $1)
                   OR (status = 'PAUSED' AND state->'pausedFrom'->>'status' = 'CLAIMED'
                       AND state->'pausedFrom'->>'assigneeId' = $1::text)) AS active_claims,
              pool.project_id IS NOT NULL AS pooled,
              pool.organization_id::text AS pool_organization_id,
              ARRAY(SELECT freelancer_id::text FROM project_pool_members WHERE project_id = $3) AS pool_member_ids,
              ARRAY(SELECT reviewer_id::text FROM project_reviewers WHERE project_id = $3) AS reviewer_ids
         FROM (SELECT 1) AS one
         LEFT JOIN freelancer_profiles p ON p.user_id = $1
         LEFT JOIN project_talent_pools pool ON pool.project_id = $3`,
      [freelancerId, task.id, task.projectId],
    );
    return {
      skills: row.has_profile ? row.skills : null,
      reputation: row.has_profile && row.reputation !== null ? Number(row.reputation) : null,
      coolDownUntil: row.cool_down_until ? new Date(row.cool_down_until) : null,
      organizationIds: row.organization_ids,
      activeClaims: row.active_claims,
      pool: !row.pooled
        ? { kind: 'PUBLIC' }
        : row.pool_organization_id
          ? { kind: 'ORGANIZATION', organizationId: row.pool_organization_id }
          : { kind: 'FREELANCERS', freelancerIds: row.pool_member_ids },
      projectReviewerIds: row.reviewer_ids,
    };
  }
}
