import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { FreelancerProfileEntity } from '../freelancer-profile.entity';
import { TaskSkillModel } from './task-skill.model';

@ObjectType('FreelancerProfile')
export class FreelancerProfileModel {
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

  static from(p: FreelancerProfileEntity): FreelancerProfileModel {
    return Object.assign(new FreelancerProfileModel(), {
      skills: p.skills.map((s) => ({ skill: s.skill, minLevel: s.level })),
      hourlyRateCents: p.hourlyRateCents,
      timezone: p.timezone,
      weeklyHours: p.weeklyHours,
      portfolioLinks: p.portfolioLinks,
    });
  }
}
