import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ClaimContext,
  ClaimPolicy,
  claimRefusals,
  ClaimRefusal,
  DEFAULT_REPUTATION_POLICY,
} from '@splitwork/marketplace-core';
import { MarketplacePolicies } from './marketplace-policies';
import { ProfileRepository } from './profile.repository';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { TalentPoolRepository } from './talent-pool.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/**
 * Loads what the claim gate decides on (the project's experts, pool,
 * cool-down, skills, reputation, active claims) for one freelancer and one task. Claims, offers and
 * auto-assignment all go through it, in the caller's transaction.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly policies: MarketplacePolicies,
    private readonly profiles: ProfileRepository,
    private readonly tasks: TaskRepository,
    private readonly pools: TalentPoolRepository,
    private readonly projectReviewers: ProjectReviewerRepository,
  ) {}

  get claimPolicy(): ClaimPolicy {
    return this.policies.claim;
  }

  async context(
    freelancerId: string,
    task: TaskEntity,
    now: Date,
    manager: EntityManager,
  ): Promise<ClaimContext> {
    const profile = await this.profiles.freelancer(freelancerId, manager);
    const coolDownUntil = await this.tasks.coolDownUntil(task.id, freelancerId, manager);
    const organizationIds = await this.pools.organizationIdsOf(freelancerId, manager);
    // A paused claim still counts: the freelancer holds it for when it resumes.
    const activeClaims = await this.tasks.activeClaimCount(freelancerId, manager);
    return {
      claimant: {
        freelancerId,
        skills: profile?.skills ?? [],
        reputation: profile?.reputation ?? DEFAULT_REPUTATION_POLICY.priorMean,
        organizationIds,
      },
      task: {
        skills: task.skills,
        minReputation: task.minReputation,
        pool: await this.pools.poolOf(task.projectId, manager),
        projectReviewerIds: await this.projectReviewers.reviewerIdsOf(task.projectId, manager),
      },
      activeClaims,
      coolDownUntil,
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
}
