import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ClaimContext,
  ClaimPolicy,
  claimRefusals,
  ClaimRefusal,
  DEFAULT_REPUTATION_POLICY,
  TaskPool,
} from '@splitwork/marketplace-core';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { MarketplacePolicies } from './marketplace-policies';
import { TaskEntity } from './task.entity';

/**
 * SQL condition: the project of the task aliased `alias` admits the
 * freelancer bound to `:${param}` (public project, listed freelancer, or
 * member of the project's organization).
 */
export function visibleToFreelancer(alias: string, param: string): string {
  return `(NOT EXISTS (SELECT 1 FROM project_talent_pools pool WHERE pool.project_id = ${alias}.project_id)
    OR EXISTS (SELECT 1 FROM project_pool_members pm
               WHERE pm.project_id = ${alias}.project_id AND pm.freelancer_id = :${param})
    OR EXISTS (SELECT 1 FROM project_talent_pools pool
               JOIN organization_members om ON om.organization_id = pool.organization_id
               WHERE pool.project_id = ${alias}.project_id AND om.user_id = :${param}))`;
}

/**
 * Loads what the claim gate decides on (the project's experts, pool,
 * cool-down, skills, reputation, active claims) for one freelancer and one task. Claims, offers and
 * auto-assignment all go through it, in the caller's transaction.
 */
@Injectable()
export class EligibilityService {
  constructor(private readonly policies: MarketplacePolicies) {}

  get claimPolicy(): ClaimPolicy {
    return this.policies.claim;
  }

  async context(
    freelancerId: string,
    task: TaskEntity,
    now: Date,
    manager: EntityManager,
  ): Promise<ClaimContext> {
    const profile = await manager
      .getRepository(FreelancerProfileEntity)
      .findOneBy({ userId: freelancerId });
    const [coolDown] = await manager.query<{ until: Date }[]>(
      `SELECT until FROM claim_cooldowns WHERE task_id = $1 AND freelancer_id = $2`,
      [task.id, freelancerId],
    );
    const organizations = await manager.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM organization_members WHERE user_id = $1`,
      [freelancerId],
    );
    const [active] = await manager.query<{ count: string }[]>(
      // A paused claim still counts (isActiveClaimOf): the freelancer holds it for when it resumes.
      `SELECT count(*) AS count FROM marketplace_tasks
        WHERE (status = 'CLAIMED' AND assignee_id = $1)
           OR (status = 'PAUSED' AND state->'pausedFrom'->>'status' = 'CLAIMED'
               AND state->'pausedFrom'->>'assigneeId' = $1::text)`,
      [freelancerId],
    );
    return {
      claimant: {
        freelancerId,
        skills: profile?.skills ?? [],
        reputation: profile?.reputation ?? DEFAULT_REPUTATION_POLICY.priorMean,
        organizationIds: organizations.map((o) => o.organization_id),
      },
      task: {
        skills: task.skills,
        minReputation: task.minReputation,
        pool: await this.poolOf(task.projectId, manager),
        projectReviewerIds: (
          await manager.query<{ reviewer_id: string }[]>(
            `SELECT reviewer_id FROM project_reviewers WHERE project_id = $1`,
            [task.projectId],
          )
        ).map((r) => r.reviewer_id),
      },
      activeClaims: Number(active.count),
      coolDownUntil: coolDown ? new Date(coolDown.until) : null,
      now,
    };
  }

  async refusals(
    freelancerId: string,
    task: TaskEntity,
    now: Date,
    manager: EntityManager,
  ): Promise<ClaimRefusal[]> {
    return claimRefusals(await this.context(freelancerId, task, now, manager), this.policies.claim);
  }

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
}
