import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AUTO_ASSIGN_POLICY_BOUNDS, DEFAULT_AUTO_ASSIGN_POLICY } from '@splitwork/marketplace-core';

const window = AUTO_ASSIGN_POLICY_BOUNDS.offerWindowMinutes;
const candidates = AUTO_ASSIGN_POLICY_BOUNDS.maxCandidates;

@InputType()
export class SetProjectAutoAssignInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field()
  @IsBoolean()
  enabled!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: `Each automatic offer stands ${window.min}–${window.max} min (default ${DEFAULT_AUTO_ASSIGN_POLICY.offerWindowMinutes}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(window.min)
  @Max(window.max)
  offerWindowMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Automatic offers per task before it stays OPEN for everyone, ${candidates.min}–${candidates.max} (default ${DEFAULT_AUTO_ASSIGN_POLICY.maxCandidates}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(candidates.min)
  @Max(candidates.max)
  maxCandidates?: number | null;
}

@ObjectType('ProjectAutoAssign')
export class ProjectAutoAssignModel {
  @Field(() => ID)
  projectId!: string;

  @Field()
  enabled!: boolean;

  @Field(() => Int)
  offerWindowMinutes!: number;

  @Field(() => Int)
  maxCandidates!: number;
}

@ArgsType()
export class RecommendedFreelancersArgs {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(50)
  first = 10;
}

@ObjectType('MatchBreakdown', { description: 'Each component from 0 (no fit) to 1 (full fit).' })
export class MatchBreakdownModel {
  @Field(() => Float, { description: 'Share of the required skills held, at any level.' })
  coverage!: number;

  @Field(() => Float, { description: 'Skill level against the required level.' })
  level!: number;

  @Field(() => Float)
  reputation!: number;

  @Field(() => Float, { description: "1 when the task pays at least the freelancer's rate." })
  rate!: number;

  @Field(() => Float, { description: 'Free weekly hours against the likely hours.' })
  availability!: number;
}

@ObjectType('FreelancerRecommendation')
export class FreelancerRecommendationModel {
  @Field(() => ID)
  freelancerId!: string;

  @Field(() => Float, { description: 'Weighted match score from 0 to 1.' })
  score!: number;

  @Field(() => MatchBreakdownModel)
  breakdown!: MatchBreakdownModel;

  @Field({ description: 'May be offered or claim the task now.' })
  eligible!: boolean;

  @Field(() => [String], {
    description:
      'Why not, when not eligible: PROJECT_REVIEWER, NOT_IN_POOL, COOL_DOWN, SKILLS, REPUTATION, ACTIVE_CLAIMS_LIMIT.',
  })
  refusals!: string[];
}
