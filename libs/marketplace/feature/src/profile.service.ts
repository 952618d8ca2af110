import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  assertValidProfile,
  assertValidSkills,
  FreelancerSkill,
  skillKey,
} from '@splitwork/marketplace-core';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { ReviewerProfileEntity } from './reviewer-profile.entity';
import { ProfileRepository } from './profile.repository';
import { ReviewerAccess } from './reviewer-access';

export interface FreelancerProfileCommand {
  skills: FreelancerSkill[];
  hourlyRateCents: number | null;
  timezone: string;
  weeklyHours: number;
  portfolioLinks: string[];
}

/** Freelancer and reviewer profiles: each user writes only their own. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
    private readonly reviewerAccess: ReviewerAccess,
  ) {}

  async updateFreelancer(
    userId: string,
    command: FreelancerProfileCommand,
  ): Promise<FreelancerProfileEntity> {
    assertValidProfile(command);
    return this.profiles.upsertFreelancer({
      userId,
      ...command,
      skills: normalisedSkills(command.skills),
      updatedAt: this.clock.now(),
    });
  }

  async freelancer(userId: string): Promise<FreelancerProfileEntity> {
    const profile = await this.profiles.freelancer(userId);
    if (!profile) throw DomainError.notFound('Freelancer profile', userId);
    return profile;
  }

  async updateReviewer(userId: string, skills: FreelancerSkill[]): Promise<ReviewerProfileEntity> {
    // The profile decides which submissions a reviewer may pick: approved reviewers only.
    await this.reviewerAccess.require(userId);
    assertValidSkills(skills);
    return this.profiles.upsertReviewer({
      userId,
      skills: normalisedSkills(skills),
      updatedAt: this.clock.now(),
    });
  }
}

const normalisedSkills = (skills: FreelancerSkill[]): FreelancerSkill[] =>
  skills.map((s) => ({ skill: skillKey(s.skill), level: s.level }));
