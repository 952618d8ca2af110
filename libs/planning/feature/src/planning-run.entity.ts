import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlannerKind, PlanSettings } from '@splitwork/planning-core';
import { PlanningRunStatus } from './target-platform';
import type { CalibrationFactorSample } from './estimate-calibration.source';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** One attempt at planning a project, kept for audit whatever its outcome. */
@Entity({ name: 'planning_runs' })
export class PlanningRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ type: 'text' })
  status!: PlanningRunStatus;

  @Column({ type: 'text' })
  planner!: PlannerKind;

  @Column({ type: 'text' })
  model!: string;

  @Column({ name: 'prompt_version', type: 'text' })
  promptVersion!: string;

  @Column({ name: 'schema_version', type: 'text' })
  schemaVersion!: string;

  /** SHA-256 of everything the plan depends on; also the plan cache key. */
  @Column({ name: 'input_hash', type: 'text' })
  inputHash!: string;

  @Column({ type: 'jsonb' })
  settings!: PlanSettings;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ type: 'int' })
  percent!: number;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'cache_hit', type: 'boolean' })
  cacheHit!: boolean;

  /** The per-skill estimate corrections applied to this run's plan. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  calibration!: CalibrationFactorSample[];

  @Column({ name: 'tokens_in', type: 'int' })
  tokensIn!: number;

  @Column({ name: 'tokens_out', type: 'int' })
  tokensOut!: number;

  @Column({ name: 'cost_micro_usd', type: 'bigint', transformer: bigintNumber })
  costMicroUsd!: number;

  @Column({ name: 'model_calls', type: 'int' })
  modelCalls!: number;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs!: number | null;

  @Column({ name: 'validation_errors', type: 'jsonb' })
  validationErrors!: string[];

  @Column({ name: 'raw_output', type: 'text', nullable: true })
  rawOutput!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
