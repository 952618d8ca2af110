import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireOwnerOrAdmin, Viewer } from '@splitwork/api-kit';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  addTask,
  assertEditablePlan,
  expandTask,
  forecastPlan,
  NewTask,
  Plan,
  pricePlan,
  removeTask,
  SizeBand,
  summarizePlan,
  TaskPatch,
  updateTask,
} from '@splitwork/planning-core';
import { PlanForecastModel } from './dto/plan-forecast.model';
import { PlanModel } from './dto/plan.model';
import { PlanRepository } from './plan.repository';
import { PlanningRunRepository } from './planning-run.repository';
import { ProjectEntity } from './project.entity';
import { ProjectRepository } from './project.repository';
import { planSettingsOf, sizeBandOf } from './project-settings';
import { ProjectStatus } from './target-platform';

const EDITABLE = new Set([ProjectStatus.DRAFT, ProjectStatus.PLANNED]);

/** Reading and editing a project's plan. */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectRepository,
    private readonly plans: PlanRepository,
    private readonly runs: PlanningRunRepository,
    private readonly clock: Clock,
  ) {}

  forecast(plan: PlanModel, freelancers: number): PlanForecastModel {
    return PlanForecastModel.from(forecastPlan(plan.document, plan.settings, { freelancers }));
  }

  updateTask(viewer: Viewer, projectId: string, key: string, patch: TaskPatch): Promise<PlanModel> {
    return this.edit(viewer, projectId, (plan, band) => updateTask(plan, key, patch, band));
  }

  addTask(viewer: Viewer, projectId: string, task: NewTask): Promise<PlanModel> {
    return this.edit(viewer, projectId, (plan, band) => addTask(plan, task, band).plan);
  }

  removeTask(viewer: Viewer, projectId: string, key: string): Promise<PlanModel> {
    return this.edit(viewer, projectId, (plan, band) => removeTask(plan, key, band));
  }

  expandTask(viewer: Viewer, projectId: string, key: string, parts: number): Promise<PlanModel> {
    return this.edit(viewer, projectId, (plan, band) =>
      assertEditablePlan(expandTask(plan, key, parts, band), band),
    );
  }

  /**
   * Applies one change to the plan under the project's row lock: refused
   * while a planning run is in flight (it would overwrite the edit) and once
   * the project is funded.
   */
  private async edit(
    viewer: Viewer,
    projectId: string,
    change: (plan: Plan, band: SizeBand) => Plan,
  ): Promise<PlanModel> {
    const { project, stored } = await this.dataSource.transaction(async (manager) => {
      const project = await this.projects.lock(projectId, manager);
      if (!project) throw DomainError.notFound('Project', projectId);
      requireOwnerOrAdmin(viewer, project.ownerId, 'Project', projectId);
      if (!EDITABLE.has(project.status))
        throw DomainError.invalidTransition(project.status, 'edit the plan');
      if (await this.runs.findActive(projectId, manager)) {
        throw DomainError.conflict(
          'A planning run is in progress for this project; edit once it has finished',
        );
      }
      const current = await this.plans.findByProject(projectId, manager);
      if (!current) throw DomainError.notFound('Plan of project', projectId);
      const next = change(current.document, sizeBandOf(project));
      await this.plans.save(projectId, current.runId, next, this.clock.now(), manager);
      return { project, stored: await this.plans.findByProject(projectId, manager) };
    });
    return this.present(project, stored!);
  }

  /** The stored plan priced and summarised with the project's settings and budget. */
  present(
    project: ProjectEntity,
    stored: { projectId: string; runId: string; version: number; updatedAt: Date; document: Plan },
  ): PlanModel {
    const settings = planSettingsOf(project);
    const budget = { amountCents: project.budgetCents, currency: project.currency };
    const summary = summarizePlan(stored.document, settings, { budget });
    const prices = pricePlan(stored.document, settings).tasks;
    return PlanModel.from(stored, settings, summary, prices, budget);
  }
}
