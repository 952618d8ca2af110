import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssessedCriterion } from '@splitwork/marketplace-core';

@Entity({ name: 'task_reviews' })
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId!: string;

  /** Null for an automatic approval. */
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @Column({ type: 'text' })
  verdict!: string;

  @Column({ type: 'jsonb' })
  scorecard!: AssessedCriterion[];

  @Column({ name: 'overall_score', type: 'int', nullable: true })
  overallScore!: number | null;

  @Column({ type: 'text' })
  feedback!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
