import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AssignmentResult } from '@splitwork/marketplace-core';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };
const nullableNumeric = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** One finished assignment (a freelancer's hold on a task): the unit of reputation and calibration. */
@Index('assignment_records_freelancer_idx', ['freelancerId', 'finishedAt'])
@Index('assignment_records_task_idx', ['taskId'])
// Partial: a task is approved for at most one assignment.
@Index('assignment_records_one_approved', ['taskId'], {
  unique: true,
  where: `result = 'APPROVED'`,
})
@Check(
  'assignment_records_result_check',
  `result IN ('APPROVED', 'REJECTED', 'EXPIRED', 'RELEASED')`,
)
@Check('assignment_records_submissions_check', 'submissions >= 0')
@Check('assignment_records_review_score_check', 'review_score BETWEEN 1 AND 5')
@Check('assignment_records_owner_rating_check', 'owner_rating BETWEEN 1 AND 5')
@Entity({ name: 'assignment_records' })
export class AssignmentRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('marketplace_tasks', { name: 'assignment_records_task_id_fkey' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ForeignKey('projects', { name: 'assignment_records_project_id_fkey' })
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ForeignKey('users', { name: 'assignment_records_freelancer_id_fkey' })
  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

  @Column({ type: 'text' })
  result!: AssignmentResult;

  @Column({ type: 'jsonb' })
  skills!: string[];

  @Column({ name: 'on_time', type: 'boolean' })
  onTime!: boolean;

  @Column({ type: 'int' })
  submissions!: number;

  @Column({ name: 'estimated_hours', type: 'numeric', transformer: numeric })
  estimatedHours!: number;

  @Column({ name: 'actual_hours', type: 'numeric', nullable: true, transformer: nullableNumeric })
  actualHours!: number | null;

  @Column({ name: 'review_score', type: 'int', nullable: true })
  reviewScore!: number | null;

  @Column({ name: 'owner_rating', type: 'int', nullable: true })
  ownerRating!: number | null;

  @Column({ name: 'owner_comment', type: 'text', nullable: true })
  ownerComment!: string | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt!: Date | null;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
