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

/**
 * OPEN until an admin decides: UPHELD (the rejection stands), OVERTURNED (the
 * submission approved and paid), OVERTURNED_UNPAID (overturned after someone
 * else claimed the task: the decision is recorded, the admin pays by other means).
 */
export type AppealStatus = 'OPEN' | 'UPHELD' | 'OVERTURNED' | 'OVERTURNED_UNPAID';

@Index('task_appeals_open_idx', ['createdAt', 'id'], { where: `status = 'OPEN'` })
@Unique('task_appeals_task_id_freelancer_id_revision_key', ['taskId', 'freelancerId', 'revision'])
@Check(
  'task_appeals_status_check',
  `status IN ('OPEN', 'UPHELD', 'OVERTURNED', 'OVERTURNED_UNPAID')`,
)
@Entity({ name: 'task_appeals' })
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('marketplace_tasks', { name: 'task_appeals_task_id_fkey' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ForeignKey('users', { name: 'task_appeals_freelancer_id_fkey' })
  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

  /** The rejected submission's number. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: 'OPEN' })
  status!: AppealStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @ForeignKey('users', { name: 'task_appeals_resolved_by_fkey' })
  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
