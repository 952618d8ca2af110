import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { Plan } from '@splitwork/planning-core';

/**
 * The current plan of a project, one document: the plan is one aggregate
 * whose every edit is validated as a whole (DAG, size band), and `version`
 * guards against lost updates.
 */
@Entity({ name: 'project_plans' })
export class ProjectPlanEntity {
  @ForeignKey('projects', { name: 'project_plans_project_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ForeignKey('planning_runs', { name: 'project_plans_run_id_fkey' })
  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ type: 'jsonb' })
  document!: Plan;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
