import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };

@Unique('task_submissions_task_id_revision_key', ['taskId', 'revision'])
@Check('task_submissions_hours_spent_check', 'hours_spent >= 0')
@Entity({ name: 'task_submissions' })
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey('marketplace_tasks', { name: 'task_submissions_task_id_fkey' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** 1 for the first submission, n + 1 after changes were requested on n. */
  @Column({ type: 'int' })
  revision!: number;

  @ForeignKey('users', { name: 'task_submissions_freelancer_id_fkey' })
  @Column({ name: 'freelancer_id', type: 'uuid' })
  freelancerId!: string;

  @Column({ type: 'jsonb' })
  links!: string[];

  @Column({ type: 'text' })
  notes!: string;

  @Column({ name: 'hours_spent', type: 'numeric', transformer: numeric })
  hoursSpent!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
