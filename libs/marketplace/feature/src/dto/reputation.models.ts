import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { Reputation, ReputationFigures, SkillReputation } from '@splitwork/marketplace-core';
import type { AssignmentRecordEntity } from '../assignment-record.entity';
import type { FreelancerProfileEntity } from '../freelancer-profile.entity';
import { TaskSkillModel } from './marketplace.models';

@ObjectType('ReputationFigures', {
  description:
    'A Bayesian score with what it is made of: (priorMean × priorWeight + Σ ratings) / (priorWeight + count).',
})
export class ReputationFiguresModel {
  @Field(() => Float, { description: 'The Bayesian score, 1–5.' })
  score!: number;

  @Field(() => Float)
  priorMean!: number;

  @Field(() => Float)
  priorWeight!: number;

  @Field(() => Int, { description: 'Final review scores counted.' })
  reviewScores!: number;

  @Field(() => Int, { description: 'Owner ratings counted.' })
  ownerRatings!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'The plain mean of the ratings; null without any.',
  })
  ratingMean!: number | null;

  @Field(() => Int, { description: 'Assignments counted, including expired and released ones.' })
  assignments!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Delivered on time / (delivered + expired); released claims are left out.',
  })
  onTimeRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of delivered assignments that needed more than one submission.',
  })
  revisionRate!: number | null;

  static from(f: ReputationFigures): ReputationFiguresModel {
    return Object.assign(new ReputationFiguresModel(), {
      score: f.score,
      priorMean: f.priorMean,
      priorWeight: f.priorWeight,
      reviewScores: f.reviewScores,
      ownerRatings: f.ownerRatings,
      ratingMean: f.ratingMean,
      assignments: f.assignments,
      onTimeRate: f.onTimeRate,
      revisionRate: f.revisionRate,
    });
  }
}

@ObjectType('SkillReputation')
export class SkillReputationModel extends ReputationFiguresModel {
  @Field()
  skill!: string;

  static fromSkill(s: SkillReputation): SkillReputationModel {
    return Object.assign(new SkillReputationModel(), ReputationFiguresModel.from(s), {
      skill: s.skill,
    });
  }
}

@ObjectType('Reputation', { description: "A freelancer's reputation, overall and per skill." })
export class ReputationModel {
  @Field(() => ReputationFiguresModel)
  overall!: ReputationFiguresModel;

  @Field(() => [SkillReputationModel])
  skills!: SkillReputationModel[];

  static from(r: Reputation): ReputationModel {
    return Object.assign(new ReputationModel(), {
      overall: ReputationFiguresModel.from(r.overall),
      skills: r.skills.map((s) => SkillReputationModel.fromSkill(s)),
    });
  }
}

@ObjectType('ReputationSummary', { description: 'What owners and reviewers see of a reputation.' })
export class ReputationSummaryModel {
  @Field(() => Float, { description: 'The overall Bayesian score, 1–5.' })
  score!: number;

  @Field(() => Int)
  ratings!: number;

  @Field(() => Int)
  assignments!: number;

  @Field(() => Float, { nullable: true })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true })
  revisionRate!: number | null;

  static from(r: Reputation): ReputationSummaryModel {
    return Object.assign(new ReputationSummaryModel(), {
      score: r.overall.score,
      ratings: r.overall.reviewScores + r.overall.ownerRatings,
      assignments: r.overall.assignments,
      onTimeRate: r.overall.onTimeRate,
      revisionRate: r.overall.revisionRate,
    });
  }
}

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

  static from(p: FreelancerProfileEntity, reputation: Reputation): FreelancerProfileViewModel {
    return Object.assign(new FreelancerProfileViewModel(), {
      userId: p.userId,
      skills: p.skills.map((s) => ({ skill: s.skill, minLevel: s.level })),
      hourlyRateCents: p.hourlyRateCents,
      timezone: p.timezone,
      weeklyHours: p.weeklyHours,
      portfolioLinks: p.portfolioLinks,
      reputation: ReputationSummaryModel.from(reputation),
    });
  }
}

@InputType()
export class RateTaskInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => Int, { description: '1–5' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@ObjectType('TaskRating')
export class TaskRatingModel {
  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  freelancerId!: string;

  @Field(() => Int)
  rating!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => GraphQLISODateTime)
  ratedAt!: Date;

  static from(r: AssignmentRecordEntity): TaskRatingModel {
    return Object.assign(new TaskRatingModel(), {
      taskId: r.taskId,
      freelancerId: r.freelancerId,
      rating: r.ownerRating ?? 0,
      comment: r.ownerComment,
      ratedAt: r.ratedAt ?? new Date(0),
    });
  }
}

@ObjectType('RateTaskPayload')
export class RateTaskPayload {
  @Field(() => TaskRatingModel)
  rating!: TaskRatingModel;
}
