import { Injectable } from '@nestjs/common';
import { requireOwnerOrAdmin, requireRole, Viewer } from '@splitwork/api-kit';
import { Clock, DomainError, parseCurrency, Role } from '@splitwork/kernel';
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

@Injectable()
export class ProjectService {
  constructor(
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
    });
  }

  /** The project, for its owner or an admin; NOT_FOUND for anyone else. */
  async get(viewer: Viewer, id: string): Promise<ProjectEntity> {
    const project = await this.projects.findById(id);
    if (!project) throw DomainError.notFound('Project', id);
    requireOwnerOrAdmin(viewer, project.ownerId, 'Project', id);
    return project;
  }

  ownedQuery(viewer: Viewer) {
    return this.projects.ownedByQuery(viewer.id);
  }
}
