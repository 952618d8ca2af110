import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TaskOfferSource = 'MANUAL' | 'AUTO';
export type TaskOfferStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'WITHDRAWN';

/** One invitation of a task to one freelancer; the history of a task's offers. */
@Entity({ name: 'task_offers' })
export class TaskOfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

  /** Null for an automatic offer. */
  @Column({ name: 'offered_by', type: 'uuid', nullable: true })
  offeredBy!: string | null;

  @Column({ type: 'text' })
  source!: TaskOfferSource;

  @Column({ type: 'text' })
  status!: TaskOfferStatus;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set from the application clock, like the task's offeredAt. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
