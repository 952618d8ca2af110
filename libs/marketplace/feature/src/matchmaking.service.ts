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
import { ProfileRepository } from './profile.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

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
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly profiles: ProfileRepository,
    private readonly tasks: TaskRepository,
  ) {}

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
    return this.profiles.candidatesFor(
      task.projectId,
      [...new Set(task.skills.map((s) => skillKey(s.skill)))],
      CANDIDATE_LIMIT,
      manager,
    );
  }

  private async asMatchFreelancers(
    profiles: FreelancerProfileEntity[],
    manager: EntityManager,
  ): Promise<MatchFreelancer[]> {
    if (profiles.length === 0) return [];
    const hours = await this.tasks.claimedHoursOf(
      profiles.map((p) => p.userId),
      manager,
    );
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
