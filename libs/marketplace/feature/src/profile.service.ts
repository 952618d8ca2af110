import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  assertValidProfile,
  assertValidSkills,
  FreelancerSkill,
  skillKey,
} from '@splitwork/marketplace-core';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { ReviewerProfileEntity } from './reviewer-profile.entity';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly reviewerAccess: ReviewerAccess,
  ) {}

  async updateFreelancer(
    userId: string,
    command: FreelancerProfileCommand,
  ): Promise<FreelancerProfileEntity> {
    assertValidProfile(command);
    const repo = this.dataSource.getRepository(FreelancerProfileEntity);
    await repo.upsert(
      {
        userId,
        ...command,
        skills: normalisedSkills(command.skills),
        updatedAt: this.clock.now(),
      },
      ['userId'],
    );
    return (await repo.findOneBy({ userId }))!;
  }

  async freelancer(userId: string): Promise<FreelancerProfileEntity> {
    const profile = await this.dataSource
      .getRepository(FreelancerProfileEntity)
      .findOneBy({ userId });
    if (!profile) throw DomainError.notFound('Freelancer profile', userId);
    return profile;
  }

  async updateReviewer(userId: string, skills: FreelancerSkill[]): Promise<ReviewerProfileEntity> {
    // The profile decides which submissions a reviewer may pick: approved reviewers only.
    await this.reviewerAccess.require(userId);
    assertValidSkills(skills);
    const repo = this.dataSource.getRepository(ReviewerProfileEntity);
    await repo.upsert({ userId, skills: normalisedSkills(skills), updatedAt: this.clock.now() }, [
      'userId',
    ]);
    return (await repo.findOneBy({ userId }))!;
  }
}

const normalisedSkills = (skills: FreelancerSkill[]): FreelancerSkill[] =>
  skills.map((s) => ({ skill: skillKey(s.skill), level: s.level }));
