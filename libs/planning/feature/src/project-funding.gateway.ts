import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, Money } from '@splitwork/kernel';
import { Plan, pricePlan } from '@splitwork/planning-core';
import { PlanRepository } from './plan.repository';
import { ProjectEntity } from './project.entity';
import { ProjectRepository } from './project.repository';
import { planSettingsOf } from './project-settings';
import { ProjectStatus } from './target-platform';

/** Called in the funding's transaction once a project is funded (the marketplace publishes its tasks). */
export type ProjectFundedListener = (
  project: ProjectEntity,
  plan: Plan,
  manager: EntityManager,
) => Promise<void>;

/**
 * Called in the cancellation's transaction (the marketplace withdraws the
 * project's tasks); a listener that throws refuses the cancellation.
 */
export type ProjectCancelledListener = (projectId: string, manager: EntityManager) => Promise<void>;

/** What the money context needs of a project, inside the money context's transaction. */
@Injectable()
export class ProjectFundingGateway {
  private readonly fundedListeners: ProjectFundedListener[] = [];
  private readonly cancelledListeners: ProjectCancelledListener[] = [];

  constructor(
    private readonly projects: ProjectRepository,
    private readonly plans: PlanRepository,
  ) {}

  /** The project row locked, with the priced total of its current plan (null before planning). */
  async lockWithPlanTotal(
    projectId: string,
    manager: EntityManager,
  ): Promise<{ project: ProjectEntity; planTotal: Money | null }> {
    const project = await this.projects.lock(projectId, manager);
    if (!project) throw DomainError.notFound('Project', projectId);
    const stored = await this.plans.findByProject(projectId, manager);
    const planTotal = stored ? pricePlan(stored.document, planSettingsOf(project)).total : null;
    return { project, planTotal };
  }

  onCancelled(listener: ProjectCancelledListener): void {
    this.cancelledListeners.push(listener);
  }

  /** Marks the project CANCELLED and tells the listeners, all in the caller's transaction. */
  async markCancelled(projectId: string, manager: EntityManager): Promise<void> {
    await this.projects.update(projectId, { status: ProjectStatus.CANCELLED }, manager);
    for (const listener of this.cancelledListeners) await listener(projectId, manager);
  }

  onFunded(listener: ProjectFundedListener): void {
    this.fundedListeners.push(listener);
  }

  /** Marks the project FUNDED and tells the listeners, all in the caller's transaction. */
  async markFunded(projectId: string, manager: EntityManager): Promise<void> {
    await this.projects.update(projectId, { status: ProjectStatus.FUNDED }, manager);
    const project = await this.projects.findById(projectId, manager);
    const stored = await this.plans.findByProject(projectId, manager);
    if (!project || !stored) return;
    for (const listener of this.fundedListeners) await listener(project, stored.document, manager);
  }

  findById(projectId: string): Promise<ProjectEntity | null> {
    return this.projects.findById(projectId);
  }
}
