import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Plan } from '@splitwork/planning-core';

/**
 * The current plan of a project, one document: the plan is one aggregate
 * whose every edit is validated as a whole (DAG, size band), and `version`
 * guards against lost updates.
 */
@Entity({ name: 'project_plans' })
export class ProjectPlanEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  document!: Plan;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
