import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };

@Entity({ name: 'task_submissions' })
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** 1 for the first submission, n + 1 after changes were requested on n. */
  @Column({ type: 'int' })
  revision!: number;

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
