import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ModelCallRecord, PlannerKind, PlanSettings } from '@splitwork/planning-core';
import { PlanningRunStatus } from './target-platform';
import type { CalibrationFactorSample } from './estimate-calibration.source';

const bigintNumber = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** One attempt at planning a project, kept for audit whatever its outcome. */
// Created with created_at DESC, id DESC; TypeORM compares an index by name and columns, not order.
@Index('planning_runs_project_created_idx', ['projectId', 'createdAt', 'id'])
@Index('planning_runs_one_active_idx', ['projectId'], {
  unique: true,
  where: `status IN ('QUEUED', 'RUNNING')`,
})
@Check('planning_runs_status_check', `status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')`)
@Check('planning_runs_planner_check', `planner IN ('OFFLINE', 'LLM')`)
@Check('planning_runs_percent_check', 'percent BETWEEN 0 AND 100')
@Entity({ name: 'planning_runs' })
export class PlanningRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('projects', { name: 'planning_runs_project_id_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ForeignKey('users', { name: 'planning_runs_requested_by_fkey' })
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

  @Column({ type: 'text', default: 'QUEUED' })
  stage!: string;

  @Column({ type: 'int', default: 0 })
  percent!: number;

  @Column({ type: 'text', default: '' })
  message!: string;

  @Column({ name: 'cache_hit', type: 'boolean', default: false })
  cacheHit!: boolean;

  /** The per-skill estimate corrections applied to this run's plan. */
  @Column({ type: 'jsonb', default: [] })
  calibration!: CalibrationFactorSample[];

  @Column({ name: 'tokens_in', type: 'int', default: 0 })
  tokensIn!: number;

  @Column({ name: 'tokens_out', type: 'int', default: 0 })
  tokensOut!: number;

  /** Null when the model's price is unknown (a self-hosted model without LLM_PRICE_*). */
  @Column({
    name: 'cost_micro_usd',
    type: 'bigint',
    nullable: true,
    default: 0,
    transformer: bigintNumber,
  })
  costMicroUsd!: number | null;

  @Column({ name: 'model_calls', type: 'int', default: 0 })
  modelCalls!: number;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs!: number | null;

  @Column({ name: 'validation_errors', type: 'jsonb', default: [] })
  validationErrors!: string[];

  @Column({ name: 'raw_output', type: 'text', nullable: true })
  rawOutput!: string | null;

  /** Every model call of the run: tokens, duration, finish reason, the raw answer. */
  @Column({ name: 'model_call_log', type: 'jsonb', default: [] })
  modelCallLog!: ModelCallRecord[];

  /** Set when the offline planner made the plan because the LLM path failed: why. */
  @Column({ name: 'fallback_reason', type: 'text', nullable: true })
  fallbackReason!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
