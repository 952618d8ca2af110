import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type TaskOfferSource = 'MANUAL' | 'AUTO';
export type TaskOfferStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'WITHDRAWN';

/** One invitation of a task to one freelancer; the history of a task's offers. */
@Index('task_offers_freelancer_idx', ['freelancerId', 'status', 'createdAt'])
// Partial: at most one pending offer per task.
@Index('task_offers_one_pending_idx', ['taskId'], { unique: true, where: `status = 'PENDING'` })
@Check('task_offers_source_check', `source IN ('MANUAL', 'AUTO')`)
@Check(
  'task_offers_status_check',
  `status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')`,
)
@Entity({ name: 'task_offers' })
export class TaskOfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('marketplace_tasks', { name: 'task_offers_task_id_fkey' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ForeignKey('users', { name: 'task_offers_freelancer_id_fkey' })
  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

  /** Null for an automatic offer. */
  @ForeignKey('users', { name: 'task_offers_offered_by_fkey' })
  @Column({ name: 'offered_by', type: 'uuid', nullable: true })
  offeredBy!: string | null;

  @Column({ type: 'text' })
  source!: TaskOfferSource;

  @Column({ type: 'text', default: 'PENDING' })
  status!: TaskOfferStatus;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set from the application clock, like the task's offeredAt. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
