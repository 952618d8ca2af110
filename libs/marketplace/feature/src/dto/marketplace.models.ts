import {
  ArgsType,
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, ConnectionArgs, MoneyModel, RequiredText } from '@splitwork/api-kit';
import type { FreelancerProfileEntity } from '../freelancer-profile.entity';
import type { ReviewEntity } from '../review.entity';
import type { ReviewerProfileEntity } from '../reviewer-profile.entity';
import type { SubmissionEntity } from '../submission.entity';
import type { TaskEntity } from '../task.entity';

export enum ReviewVerdictEnum {
  APPROVE = 'APPROVE',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
  REJECT = 'REJECT',
}
registerEnumType(ReviewVerdictEnum, { name: 'ReviewVerdict' });

@ObjectType('TaskSkill')
export class TaskSkillModel {
  @Field()
  skill!: string;

  @Field(() => Int)
  minLevel!: number;
}

@ObjectType('TaskEstimate')
export class TaskEstimateModel {
  @Field(() => Float)
  optimistic!: number;

  @Field(() => Float)
  likely!: number;

  @Field(() => Float)
  pessimistic!: number;
}

@ObjectType('MarketTask', { description: 'A task of a funded plan, on the marketplace.' })
export class MarketTaskModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field({ description: "The task's key in the plan." })
  key!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => [String])
  acceptanceCriteria!: string[];

  @Field(() => [TaskSkillModel])
  skills!: TaskSkillModel[];

  @Field()
  platform!: string;

  @Field(() => TaskEstimateModel)
  estimate!: TaskEstimateModel;

  @Field(() => MoneyModel)
  price!: MoneyModel;

  @Field(() => [String])
  dependsOn!: string[];

  @Field({
    description: 'BLOCKED, OPEN, OFFERED, CLAIMED, SUBMITTED, APPROVED, PAID, PAUSED or CANCELLED.',
  })
  status!: string;

  @Field(() => ID, { nullable: true })
  assigneeId!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  claimDeadline!: Date | null;

  @Field(() => Int, {
    description: 'Submission number the assignee works on (0 before the first claim).',
  })
  revision!: number;

  static from(t: TaskEntity): MarketTaskModel {
    return Object.assign(new MarketTaskModel(), {
      id: t.id,
      projectId: t.projectId,
      key: t.taskKey,
      title: t.title,
      description: t.description,
      acceptanceCriteria: t.acceptanceCriteria,
      skills: t.skills.map((s) => ({ skill: s.skill, minLevel: s.minLevel })),
      platform: t.platform,
      estimate: t.estimate,
      price: MoneyModel.from({ amountCents: t.priceCents, currency: t.currency }),
      dependsOn: t.dependsOn,
      status: t.status,
      assigneeId: t.assigneeId,
      claimDeadline: t.claimDeadline,
      revision: t.revision,
    });
  }
}

@ObjectType('MarketTaskConnection')
export class MarketTaskConnection extends Connection(MarketTaskModel, 'MarketTask') {}

@ArgsType()
export class OpenTasksArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  platform?: string;
}

@InputType()
export class TaskRefInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;
}

@InputType()
export class SubmitTaskInput extends TaskRefInput {
  @Field(() => [String], { description: 'Deliverables, e.g. a pull request URL.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  links!: string[];

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(10_000)
  notes!: string;

  @Field(() => Float)
  @Min(0)
  @Max(500)
  hoursSpent!: number;
}

@ObjectType('Submission')
export class SubmissionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => [String])
  links!: string[];

  @Field()
  notes!: string;

  @Field(() => Float)
  hoursSpent!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  static from(s: SubmissionEntity): SubmissionModel {
    return Object.assign(new SubmissionModel(), {
      id: s.id,
      revision: s.revision,
      links: s.links,
      notes: s.notes,
      hoursSpent: s.hoursSpent,
      createdAt: s.createdAt,
    });
  }
}

@InputType()
export class CriterionAssessmentInput {
  @Field({ description: 'AC1, AC2, … in the order of the acceptance criteria.' })
  @IsString()
  @MaxLength(10)
  criterionId!: string;

  @Field()
  @IsBoolean()
  passed!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

@InputType()
export class ReviewTaskInput extends TaskRefInput {
  @Field(() => ReviewVerdictEnum)
  @IsEnum(ReviewVerdictEnum)
  verdict!: ReviewVerdictEnum;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  overallScore!: number;

  @Field(() => [CriterionAssessmentInput])
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionAssessmentInput)
  assessments!: CriterionAssessmentInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  feedback?: string | null;
}

@ObjectType('Review')
export class ReviewModel {
  @Field(() => ID)
  id!: string;

  @Field()
  verdict!: string;

  @Field(() => Int, { nullable: true })
  overallScore!: number | null;

  @Field()
  feedback!: string;

  @Field(() => [String], { description: 'Criteria that failed, with the comment: "AC2: …".' })
  failedCriteria!: string[];

  static from(r: ReviewEntity): ReviewModel {
    return Object.assign(new ReviewModel(), {
      id: r.id,
      verdict: r.verdict,
      overallScore: r.overallScore,
      feedback: r.feedback,
      failedCriteria: r.scorecard
        .filter((c) => !c.passed)
        .map((c) => `${c.criterionId}: ${c.comment ?? ''}`),
    });
  }
}

@ObjectType('ReviewTaskPayload')
export class ReviewTaskPayload {
  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;

  @Field(() => ReviewModel)
  review!: ReviewModel;
}

@InputType()
export class AssignReviewerInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field(() => ID)
  @IsUUID()
  reviewerId!: string;
}

@InputType()
export class SetProjectReviewPolicyInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field({
    description:
      'Refuse reviewers who share an organization (member or creator) with anyone who holds or held the task.',
  })
  @IsBoolean()
  excludeSameOrganizationReviewers!: boolean;
}

@ObjectType('ProjectReviewPolicy')
export class ProjectReviewPolicyModel {
  @Field(() => ID)
  projectId!: string;

  @Field()
  excludeSameOrganizationReviewers!: boolean;
}

@InputType()
export class FreelancerSkillInput {
  @Field()
  @RequiredText({ max: 60, singleLine: true })
  skill!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  level!: 1 | 2 | 3 | 4 | 5;
}

@InputType()
export class UpdateFreelancerProfileInput {
  @Field(() => [FreelancerSkillInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FreelancerSkillInput)
  skills!: FreelancerSkillInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  hourlyRateCents?: number;

  @Field({ defaultValue: 'UTC' })
  @IsString()
  @MaxLength(60)
  timezone!: string;

  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(0)
  @Max(80)
  weeklyHours!: number;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20)
  @IsUrl({ require_protocol: true }, { each: true })
  portfolioLinks!: string[];
}

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

@InputType()
export class UpdateReviewerProfileInput {
  @Field(() => [FreelancerSkillInput], {
    description: 'Skills with levels 1–5: the queue offers submissions whose skills they cover.',
  })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FreelancerSkillInput)
  skills!: FreelancerSkillInput[];
}

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
