import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Reputation } from '@splitwork/marketplace-core';
import type { FreelancerProfileEntity } from '../freelancer-profile.entity';
import { TaskSkillModel } from './task-skill.model';
import { ReputationSummaryModel } from './reputation-summary.model';
import { ReputationModel } from './reputation.model';

@ObjectType('FreelancerProfileView', {
  description: 'A freelancer profile as owners, reviewers and the freelancer see it.',
})
export class FreelancerProfileViewModel {
  @Field(() => ID)
  userId!: string;

  @Field(() => [TaskSkillModel], {
    description: 'Skills with the level 1–5 (minLevel is the level here).',
  })
  skills!: TaskSkillModel[];

  @Field(() => Int, { nullable: true })
  hourlyRateCents!: number | null;

  @Field()
  timezone!: string;

  @Field(() => Int)
  weeklyHours!: number;

  @Field(() => [String])
  portfolioLinks!: string[];

  @Field(() => ReputationSummaryModel)
  reputation!: ReputationSummaryModel;

  @Field(() => ReputationModel, {
    description:
      'Every figure the reputation is made of, overall and per skill, with sample counts: what the freelancer sees in myReputation.',
  })
  reputationBreakdown!: ReputationModel;

  static from(p: FreelancerProfileEntity, reputation: Reputation): FreelancerProfileViewModel {
    return Object.assign(new FreelancerProfileViewModel(), {
      userId: p.userId,
      skills: p.skills.map((s) => ({ skill: s.skill, minLevel: s.level })),
      hourlyRateCents: p.hourlyRateCents,
      timezone: p.timezone,
      weeklyHours: p.weeklyHours,
      portfolioLinks: p.portfolioLinks,
      reputation: ReputationSummaryModel.from(reputation),
      reputationBreakdown: ReputationModel.from(reputation),
    });
  }
}
