import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ReviewerApplicationStatus } from './reviewer-vetting';

/** One request to review on the platform, and the admin's decision on it. */
@Index('reviewer_applications_one_pending', ['userId'], {
  unique: true,
  where: `status = 'PENDING'`,
})
// Created `created_at DESC` by the migration; TypeORM compares names and columns only.
@Index('reviewer_applications_user_idx', ['userId', 'createdAt'])
@Index('reviewer_applications_status_idx', ['status', 'createdAt', 'id'])
@Check('reviewer_applications_status_check', `status IN ('PENDING', 'APPROVED', 'REFUSED')`)
@Check('reviewer_applications_motivation_check', 'length(motivation) <= 2000')
@Check('reviewer_applications_reason_check', 'length(reason) <= 2000')
@Check('reviewer_applications_check', `(status = 'PENDING') = (decided_at IS NULL)`)
@Check('reviewer_applications_check1', `status <> 'REFUSED' OR reason IS NOT NULL`)
@Entity({ name: 'reviewer_applications' })
export class ReviewerApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('users', { name: 'reviewer_applications_user_id_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  status!: ReviewerApplicationStatus;

  @Column({ type: 'text', nullable: true })
  motivation!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @ForeignKey('users', { name: 'reviewer_applications_decided_by_fkey' })
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
