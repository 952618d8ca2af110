import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireOwnerOrAdmin, requireRole, Viewer } from '@splitwork/api-kit';
import { Clock, DomainError, parseCurrency, Role } from '@splitwork/kernel';
import { BriefLine, BriefLineKind, readBrief } from '@splitwork/planning-core';
import { ProjectEntity } from './project.entity';
import { ProjectRepository } from './project.repository';
import { toRateCard, toSizeBand } from './project-settings';
import { ProjectStatus, TargetPlatform } from './target-platform';

export interface CreateProjectCommand {
  title: string;
  brief: string;
  platforms: TargetPlatform[];
  budgetCents: number;
  currency: string;
  deadline?: Date;
  rateCard?: { level: number; hourlyRateCents: number }[];
  sizeBand?: { minHours?: number; maxHours?: number };
}

const REPLANNABLE = new Set([ProjectStatus.DRAFT, ProjectStatus.PLANNED]);

@Injectable()
export class ProjectService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectRepository,
    private readonly clock: Clock,
  ) {}

  async create(viewer: Viewer, command: CreateProjectCommand): Promise<ProjectEntity> {
    requireRole(viewer, Role.OWNER);
    const currency = parseCurrency(command.currency);
    if (command.deadline && command.deadline.getTime() <= this.clock.now().getTime()) {
      throw DomainError.badInput('deadline must be in the future', { field: 'deadline' });
    }
    const sizeBand = toSizeBand(command.sizeBand);
    return this.projects.insert({
      ownerId: viewer.id,
      title: command.title,
      brief: command.brief,
      platforms: [...new Set(command.platforms)],
      budgetCents: command.budgetCents,
      currency,
      deadline: command.deadline ?? null,
      rateCard: toRateCard(command.rateCard, currency),
      status: ProjectStatus.DRAFT,
      sizeBandMinHours: sizeBand.minHours,
      sizeBandMaxHours: sizeBand.maxHours,
      briefLineKinds: {},
    });
  }

  /** The project, for its owner or an admin; NOT_FOUND for anyone else. */
  async get(viewer: Viewer, id: string): Promise<ProjectEntity> {
    const project = await this.projects.findById(id);
    if (!project) throw DomainError.notFound('Project', id);
    requireOwnerOrAdmin(viewer, project.ownerId, 'Project', id);
    return project;
  }

  /** The brief line by line, as the next planning run reads it (the owner's reclassifications applied). */
  briefLines(project: ProjectEntity): readonly BriefLine[] {
    return readBrief(project.brief, project.briefLineKinds).lines;
  }

  /**
   * The owner says how the next planning run reads one line of the brief.
   * Owner only: anyone else gets NOT_FOUND. Only before funding (the plan
   * can still be re-planned); the line must be a non-blank line of the brief.
   */
  async reclassifyBriefLine(
    viewer: Viewer,
    projectId: string,
    line: number,
    kind: BriefLineKind,
  ): Promise<{ project: ProjectEntity; briefLine: BriefLine }> {
    return this.dataSource.transaction(async (manager) => {
      const project = await this.projects.lock(projectId, manager);
      if (!project || project.ownerId !== viewer.id)
        throw DomainError.notFound('Project', projectId);
      if (!REPLANNABLE.has(project.status)) {
        throw DomainError.invalidTransition(project.status, 'reclassify a brief line');
      }
      if (!readBrief(project.brief).lines.some((l) => l.line === line)) {
        throw DomainError.badInput(`Line ${line} of the brief is blank or does not exist`, {
          field: 'line',
        });
      }
      const briefLineKinds = { ...project.briefLineKinds, [line]: kind };
      await this.projects.update(project.id, { briefLineKinds }, manager);
      const updated = { ...project, briefLineKinds };
      const briefLine = this.briefLines(updated).find((l) => l.line === line)!;
      return { project: updated, briefLine };
    });
  }

  ownedQuery(viewer: Viewer) {
    return this.projects.ownedByQuery(viewer.id);
  }
}
