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
import { ClaimContextRepository, ClaimContextRow } from './claim-context.repository';
import { TaskEntity } from './task.entity';

/**
 * Loads what the claim gate decides on (the project's experts, pool,
 * cool-down, skills, reputation, active claims) for one freelancer and one task. Claims, offers and
 * auto-assignment all go through it, in the caller's transaction.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly policies: MarketplacePolicies,
    private readonly claimContexts: ClaimContextRepository,
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
    // One statement: the claim holds the task's row lock meanwhile.
    const loaded = await this.claimContexts.load(freelancerId, task, manager);
    return this.contextOf(freelancerId, task, loaded, now);
  }

  /** The gate's input from what ClaimContextRepository read for `freelancerId` and `task`. */
  contextOf(
    freelancerId: string,
    task: TaskEntity,
    loaded: ClaimContextRow,
    now: Date,
  ): ClaimContext {
    return {
      claimant: {
        freelancerId,
        skills: loaded.skills ?? [],
        reputation: loaded.reputation ?? DEFAULT_REPUTATION_POLICY.priorMean,
        organizationIds: loaded.organizationIds,
      },
      task: {
        skills: task.skills,
        minReputation: task.minReputation,
        pool: loaded.pool,
        projectReviewerIds: loaded.projectReviewerIds,
      },
      // A paused claim still counts: the freelancer holds it for when it resumes.
      activeClaims: loaded.activeClaims,
      coolDownUntil: loaded.coolDownUntil,
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
