import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * OPEN until an admin decides: UPHELD (the rejection stands), OVERTURNED (the
 * submission approved and paid), OVERTURNED_UNPAID (overturned after someone
 * else claimed the task: the decision is recorded, the admin pays by other means).
 */
export type AppealStatus = 'OPEN' | 'UPHELD' | 'OVERTURNED' | 'OVERTURNED_UNPAID';

@Entity({ name: 'task_appeals' })
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

  /** The rejected submission's number. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  status!: AppealStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
