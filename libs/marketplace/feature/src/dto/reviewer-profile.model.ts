import { Field, ObjectType } from '@nestjs/graphql';
import type { ReviewerProfileEntity } from '../reviewer-profile.entity';
import { TaskSkillModel } from './task-skill.model';

@ObjectType('ReviewerProfile')
export class ReviewerProfileModel {
  @Field(() => [TaskSkillModel], {
    description: 'Skills with the level 1–5 (minLevel is the level here).',
  })
  skills!: TaskSkillModel[];

  static from(p: ReviewerProfileEntity): ReviewerProfileModel {
    return Object.assign(new ReviewerProfileModel(), {
      skills: p.skills.map((s) => ({ skill: s.skill, minLevel: s.level })),
    });
  }
}
