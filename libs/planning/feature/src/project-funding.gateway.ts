import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '@splitwork/database';
import { DomainError, Money } from '@splitwork/kernel';
import { pricePlan } from '@splitwork/planning-core';
import { PlanRepository } from './plan.repository';
import { ProjectEntity } from './project.entity';
import { ProjectCancelled, ProjectFunded } from './project.events';
import { ProjectRepository, ProjectSummary } from './project.repository';
import { planSettingsOf } from './project-settings';
import { ProjectStatus } from './target-platform';

/**
 * Planning's public API for the other contexts: what they may read of a
 * project and the status changes money decides (funded, cancelled), each in
 * the caller's transaction.
 */
@Injectable()
export class ProjectFundingGateway {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly plans: PlanRepository,
    private readonly events: DomainEvents,
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

  /** Marks the project CANCELLED and raises ProjectCancelled, all in the caller's transaction. */
  async markCancelled(projectId: string, manager: EntityManager): Promise<void> {
    await this.projects.update(projectId, { status: ProjectStatus.CANCELLED }, manager);
    await this.events.publish(new ProjectCancelled(projectId), manager);
  }

  /** Marks the project FUNDED and raises ProjectFunded, all in the caller's transaction. */
  async markFunded(projectId: string, manager: EntityManager): Promise<void> {
    await this.projects.update(projectId, { status: ProjectStatus.FUNDED }, manager);
    const project = await this.projects.findById(projectId, manager);
    const stored = await this.plans.findByProject(projectId, manager);
    if (!project || !stored) return;
    await this.events.publish(new ProjectFunded(project, stored.document), manager);
  }

  /** In `manager`'s transaction when given (inside one, always pass it). */
  findById(projectId: string, manager?: EntityManager): Promise<ProjectEntity | null> {
    return this.projects.findById(projectId, manager);
  }

  /** Locks the project row for `manager`'s transaction (other contexts serialise their project-wide changes on it). */
  async lock(projectId: string, manager: EntityManager): Promise<void> {
    await this.projects.lock(projectId, manager);
  }

  /** Public summaries of projects (no brief, budget or rate card): one statement for a page. */
  publicSummaries(ids: readonly string[]): Promise<ProjectSummary[]> {
    return this.projects.publicSummaries(ids);
  }
}
