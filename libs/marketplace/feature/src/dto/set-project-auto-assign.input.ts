import { Field, ID, InputType, Int } from '@nestjs/graphql';
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
