import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { DisputeStatus } from '@splitwork/marketplace-core';

/** An owner's dispute of approved work: one per task; OPEN until an admin decides. */
@Index('task_disputes_open_idx', ['createdAt', 'id'], { where: `status = 'OPEN'` })
@Unique('task_disputes_task_id_key', ['taskId'])
@Check('task_disputes_status_check', `status IN ('OPEN', 'UPHELD', 'REVERSED')`)
@Entity({ name: 'task_disputes' })
export class TaskDisputeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('marketplace_tasks', { name: 'task_disputes_task_id_fkey' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** The project's owner, who opened it. */
  @ForeignKey('users', { name: 'task_disputes_owner_id_fkey' })
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: 'OPEN' })
  status!: DisputeStatus;

  /** The admin's note with the decision. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @ForeignKey('users', { name: 'task_disputes_resolved_by_fkey' })
  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
