import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Currency } from '@splitwork/kernel';
import type { TaskState, TaskStatus } from '@splitwork/marketplace-core';
import type { Estimate, SkillRequirement } from '@splitwork/planning-core';
import { taskStateTransformer } from './task-state.codec';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };
const nullableNumber = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** A task of a funded plan, as work on the marketplace. */
@Index('marketplace_tasks_open_idx', ['status', 'createdAt', 'id'])
@Index('marketplace_tasks_assignee_idx', ['assigneeId', 'status'])
@Index('marketplace_tasks_assignee_created_idx', ['assigneeId', 'createdAt', 'id'])
@Index('marketplace_tasks_project_idx', ['projectId', 'createdAt', 'id'])
@Index('marketplace_tasks_open_price_idx', ['priceCents', 'id'], { where: `status = 'OPEN'` })
@Index('marketplace_tasks_open_estimate_idx', ['likelyHours', 'id'], { where: `status = 'OPEN'` })
@Index('marketplace_tasks_submitted_idx', ['createdAt', 'id'], { where: `status = 'SUBMITTED'` })
@Unique('marketplace_tasks_project_id_task_key_key', ['projectId', 'taskKey'])
@Check('marketplace_tasks_price_cents_check', 'price_cents > 0')
@Check(
  'marketplace_tasks_min_reputation_check',
  'min_reputation IS NULL OR min_reputation BETWEEN 1 AND 5',
)
@Entity({ name: 'marketplace_tasks' })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('projects', { name: 'marketplace_tasks_project_id_fkey' })
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'task_key', type: 'text' })
  taskKey!: string;

  @Column({ name: 'feature_key', type: 'text' })
  featureKey!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'acceptance_criteria', type: 'jsonb' })
  acceptanceCriteria!: string[];

  // GIN with the jsonb_path_ops operator class, which TypeORM cannot describe.
  @Index('marketplace_tasks_open_skills_idx', { synchronize: false })
  @Column({ type: 'jsonb' })
  skills!: SkillRequirement[];

  @Column({ type: 'text' })
  platform!: string;

  @Column({ type: 'jsonb' })
  estimate!: Estimate;

  @Column({ name: 'price_cents', type: 'bigint', transformer: bigintNumber })
  priceCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: Currency;

  @Column({ name: 'depends_on', type: 'text', default: [], array: true })
  dependsOn!: string[];

  /** Mirrors `state.status`, for indexes and filters. */
  @Column({ type: 'text' })
  status!: TaskStatus;

  /** The whole state of the task state machine. */
  @Column({ type: 'jsonb', transformer: taskStateTransformer })
  state!: TaskState;

  @ForeignKey('users', { name: 'marketplace_tasks_assignee_id_fkey' })
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'claim_deadline', type: 'timestamptz', nullable: true })
  claimDeadline!: Date | null;

  @Column({ type: 'int', default: 0 })
  revision!: number;

  /** The owner's minimum reputation (1–5) to claim or be offered this task, or null. */
  @Column({ name: 'min_reputation', type: 'numeric', nullable: true, transformer: nullableNumber })
  minReputation!: number | null;

  /** Stored by the database from `estimate`, for the estimate filter and sort; never written. */
  @Column({
    name: 'likely_hours',
    type: 'numeric',
    generatedType: 'STORED',
    asExpression: `(estimate->>'likely')::numeric`,
    insert: false,
    update: false,
    select: false,
    nullable: true,
  })
  likelyHours?: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
