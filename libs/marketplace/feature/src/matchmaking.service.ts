import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ClaimRefusal,
  MatchFreelancer,
  MatchScore,
  rankFreelancersForTask,
  skillKey,
} from '@splitwork/marketplace-core';
import { EligibilityService } from './eligibility.service';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { TaskEntity } from './task.entity';

/** Skill-covering profiles loaded per task at most; ranking and the gate run over these. */
const CANDIDATE_LIMIT = 200;

export interface Recommendation {
  readonly match: MatchScore;
  /** Empty when the freelancer may claim or be offered the task now. */
  readonly refusals: readonly ClaimRefusal[];
}

/**
 * Who fits a task: freelancers whose profile covers every required skill at
 * its level, ranked by marketplace-core `rankFreelancersForTask`, each with
 * the eligibility gate's refusals (pool, cool-down, reputation, active claims).
 */
@Injectable()
export class MatchmakingService {
  constructor(private readonly eligibility: EligibilityService) {}

  /**
   * The ranking for a task, eligible freelancers first (each group best
   * score first), without those in `exclude`; at most `limit` entries.
   */
  async recommend(
    task: TaskEntity,
    now: Date,
    manager: EntityManager,
    options: { limit: number; exclude?: ReadonlySet<string>; eligibleOnly?: boolean },
  ): Promise<Recommendation[]> {
    const profiles = await this.candidates(task, manager);
    const freelancers = await this.asMatchFreelancers(
      profiles.filter((p) => !options.exclude?.has(p.userId)),
      manager,
    );
    const ranked = rankFreelancersForTask(
      {
        id: task.id,
        skills: task.skills,
        hourlyRateCents: Math.round(task.priceCents / Math.max(task.estimate.likely, 0.25)),
        likelyHours: task.estimate.likely,
        minReputation: task.minReputation,
      },
      freelancers,
      { includeUnqualified: true },
    );
    const eligible: Recommendation[] = [];
    const refused: Recommendation[] = [];
    for (const match of ranked) {
      if (eligible.length >= options.limit) break;
      if (!options.eligibleOnly && eligible.length + refused.length >= options.limit) break;
      const refusals = await this.eligibility.refusals(match.freelancerId, task, now, manager);
      (refusals.length === 0 ? eligible : refused).push({ match, refusals });
    }
    if (options.eligibleOnly) return eligible;
    return [...eligible, ...refused].slice(0, options.limit);
  }

  /**
   * Profiles that list every skill the task requires (levels are checked by
   * the ranking) and are in the project's pool, if it has one.
   */
  private candidates(task: TaskEntity, manager: EntityManager): Promise<FreelancerProfileEntity[]> {
    const query = manager.getRepository(FreelancerProfileEntity).createQueryBuilder('p');
    [...new Set(task.skills.map((s) => skillKey(s.skill)))].forEach((skill, i) =>
      query.andWhere(`p.skills @> :skill${i}::jsonb`, {
        [`skill${i}`]: JSON.stringify([{ skill }]),
      }),
    );
    // Outside a private pool nobody may take the task: not a candidate at all.
    query.andWhere(
      `(NOT EXISTS (SELECT 1 FROM project_talent_pools pool WHERE pool.project_id = :projectId)
        OR EXISTS (SELECT 1 FROM project_pool_members pm
                   WHERE pm.project_id = :projectId AND pm.freelancer_id = p.user_id)
        OR EXISTS (SELECT 1 FROM project_talent_pools pool
                   JOIN organization_members om ON om.organization_id = pool.organization_id
                   WHERE pool.project_id = :projectId AND om.user_id = p.user_id))`,
      { projectId: task.projectId },
    );
    return query.orderBy('p.user_id', 'ASC').take(CANDIDATE_LIMIT).getMany();
  }

  private async asMatchFreelancers(
    profiles: FreelancerProfileEntity[],
    manager: EntityManager,
  ): Promise<MatchFreelancer[]> {
    if (profiles.length === 0) return [];
    const committed = await manager.query<{ assignee_id: string; hours: string }[]>(
      `SELECT assignee_id, sum((estimate->>'likely')::numeric) AS hours FROM marketplace_tasks
       WHERE status = 'CLAIMED' AND assignee_id = ANY($1::uuid[]) GROUP BY assignee_id`,
      [profiles.map((p) => p.userId)],
    );
    const hours = new Map(committed.map((c) => [c.assignee_id, Number(c.hours)]));
    return profiles.map((p) => ({
      id: p.userId,
      skills: p.skills,
      hourlyRateCents: p.hourlyRateCents ?? 0,
      weeklyHours: p.weeklyHours,
      committedHours: hours.get(p.userId) ?? 0,
      reputation: p.reputation,
    }));
  }
}
