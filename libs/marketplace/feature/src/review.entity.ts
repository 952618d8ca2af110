import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { AssessedCriterion } from '@splitwork/marketplace-core';

@Unique('task_reviews_submission_id_key', ['submissionId'])
@Entity({ name: 'task_reviews' })
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('marketplace_tasks', { name: 'task_reviews_task_id_fkey' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ForeignKey('task_submissions', { name: 'task_reviews_submission_id_fkey' })
  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId!: string;

  /** Null for an automatic approval. */
  @ForeignKey('users', { name: 'task_reviews_reviewer_id_fkey' })
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @Column({ type: 'text' })
  verdict!: string;

  @Column({ type: 'jsonb' })
  scorecard!: AssessedCriterion[];

  @Column({ name: 'overall_score', type: 'int', nullable: true })
  overallScore!: number | null;

  @Column({ type: 'text', default: '' })
  feedback!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
