import { Injectable } from '@nestjs/common';
import { Clock, DomainError, parseCurrency } from '@splitwork/kernel';
import { requireOwnerOrAdmin, requireRole, Viewer } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { ProjectEntity } from './project.entity';
import { ProjectRepository } from './project.repository';
import { DEFAULT_RATE_CARD, ProjectStatus, RateCard, TargetPlatform } from './target-platform';

export interface CreateProjectCommand {
  title: string;
  brief: string;
  platforms: TargetPlatform[];
  budgetCents: number;
  currency: string;
  deadline?: Date;
  rateCard?: { level: number; hourlyRateCents: number }[];
}

/** Turns rate card entries into one rate per level 1..5, each level exactly once. */
export function toRateCard(
  entries: { level: number; hourlyRateCents: number }[] | undefined,
): RateCard {
  if (!entries) return { ...DEFAULT_RATE_CARD };
  const levels = entries.map((e) => e.level).sort();
  if (levels.join(',') !== '1,2,3,4,5') {
    throw DomainError.badInput('rateCard needs exactly one rate for each level 1 to 5', {
      field: 'rateCard',
    });
  }
  const card = Object.fromEntries(entries.map((e) => [e.level, e.hourlyRateCents])) as RateCard;
  for (const level of [2, 3, 4, 5] as const) {
    if (card[level] < card[(level - 1) as 1 | 2 | 3 | 4]) {
      throw DomainError.badInput('rateCard rates may not fall as the level rises', {
        field: 'rateCard',
      });
    }
  }
  return card;
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
    return this.projects.insert({
      ownerId: viewer.id,
      title: command.title,
      brief: command.brief,
      platforms: [...new Set(command.platforms)],
      budgetCents: command.budgetCents,
      currency,
      deadline: command.deadline ?? null,
      rateCard: toRateCard(command.rateCard),
      status: ProjectStatus.DRAFT,
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
