import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { PlanningRunEntity } from '../planning-run.entity';
import { CalibrationFactorModel } from './calibration-factor.model';
import { PlanningModelCallModel } from './planning-model-call.model';
import { PlanningRunStatus } from './planning-run-status.enum';

@ObjectType('PlanningRun', { description: 'One planning attempt, kept for audit.' })
export class PlanningRunModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field(() => PlanningRunStatus)
  status!: PlanningRunStatus;

  @Field({ description: 'OFFLINE or LLM' })
  planner!: string;

  @Field()
  model!: string;

  @Field()
  promptVersion!: string;

  @Field()
  schemaVersion!: string;

  @Field({ description: 'SHA-256 of brief, settings, model and versions: the plan cache key.' })
  inputHash!: string;

  @Field()
  stage!: string;

  @Field(() => Int)
  percent!: number;

  @Field()
  message!: string;

  @Field(() => [CalibrationFactorModel], {
    description: 'Per-skill estimate corrections learned from finished work, applied to this plan.',
  })
  calibration!: CalibrationFactorModel[];

  @Field({ description: 'Served from the plan cache at no token cost.' })
  cacheHit!: boolean;

  @Field(() => Int)
  tokensIn!: number;

  @Field(() => Int)
  tokensOut!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Estimated model cost in US dollars; null when the model's price is unknown (never a guess).",
  })
  costUsd!: number | null;

  @Field(() => Int)
  modelCalls!: number;

  @Field(() => Int, { nullable: true })
  latencyMs!: number | null;

  @Field(() => [String], { description: 'Validation problems met, including those repaired.' })
  validationErrors!: string[];

  @Field(() => String, { nullable: true, description: 'What the model answered, as received.' })
  rawOutput!: string | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Set when the plan was made by the offline planner because the LLM path failed: why it failed.',
  })
  fallbackReason!: string | null;

  @Field(() => [PlanningModelCallModel], {
    description: 'Every model call of the run, in order, with its raw answer.',
  })
  modelCallLog!: PlanningModelCallModel[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt!: Date | null;

  static from(run: PlanningRunEntity): PlanningRunModel {
    return Object.assign(new PlanningRunModel(), {
      id: run.id,
      projectId: run.projectId,
      status: run.status,
      planner: run.planner,
      model: run.model,
      promptVersion: run.promptVersion,
      schemaVersion: run.schemaVersion,
      inputHash: run.inputHash,
      stage: run.stage,
      percent: run.percent,
      message: run.message,
      cacheHit: run.cacheHit,
      calibration: run.calibration ?? [],
      tokensIn: run.tokensIn,
      tokensOut: run.tokensOut,
      costUsd: run.costMicroUsd === null ? null : run.costMicroUsd / 1_000_000,
      modelCalls: run.modelCalls,
      latencyMs: run.latencyMs,
      validationErrors: run.validationErrors,
      rawOutput: run.rawOutput,
      failureReason: run.failureReason,
      fallbackReason: run.fallbackReason ?? null,
      modelCallLog: (run.modelCallLog ?? []).map((c) => PlanningModelCallModel.from(c)),
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    });
  }
}
