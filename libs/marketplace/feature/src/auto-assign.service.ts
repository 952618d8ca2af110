import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requireOwnerOrAdmin, Viewer } from '@splitwork/api-kit';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  AutoAssignPolicy,
  resolveAutoAssignPolicy,
  transitionTask,
} from '@splitwork/marketplace-core';
import { ProjectFundingGateway } from '@splitwork/planning';
import { AutoAssignRepository } from './auto-assign.repository';
import { MatchmakingService, Recommendation } from './matchmaking.service';
import { TaskOfferEntity } from './task-offer.entity';
import { TaskOfferRepository } from './task-offer.repository';
import { TaskOfferService } from './task-offer.service';
import { TaskEntity } from './task.entity';
import { TaskRepository, TaskTransition } from './task.repository';

export interface AutoAssignSettings extends AutoAssignPolicy {
  enabled: boolean;
}

/**
 * Auto-assignment: when a task of a project that asked for it becomes OPEN
 * (released, resumed, or after an automatic offer was declined or expired),
 * it is offered to the best-matched eligible freelancer not offered it
 * before, for a short window; after `maxCandidates` automatic offers it
 * stays OPEN for everyone. Runs in the transition's transaction.
 */
@Injectable()
export class AutoAssignService {
  /** Tasks being auto-offered right now: the offer's own saveState must not re-enter. */
  private readonly inProgress = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly offers: TaskOfferService,
    private readonly matchmaking: MatchmakingService,
    private readonly clock: Clock,
    private readonly settings: AutoAssignRepository,
    private readonly offerRecords: TaskOfferRepository,
  ) {}

  /** The freelancers auto-assignment would pick from, ranked, for the project's owner, expert or an admin. */
  async recommendFreelancers(
    viewer: Viewer,
    taskId: string,
    limit: number,
  ): Promise<Recommendation[]> {
    const task = await this.offers.requireManager(viewer, taskId);
    return this.matchmaking.recommend(task, this.clock.now(), this.dataSource.manager, { limit });
  }

  async configure(
    viewer: Viewer,
    projectId: string,
    input: { enabled: boolean; offerWindowMinutes?: number | null; maxCandidates?: number | null },
  ): Promise<AutoAssignSettings> {
    const project = await this.projects.findById(projectId);
    if (!project) throw DomainError.notFound('Project', projectId);
    requireOwnerOrAdmin(viewer, project.ownerId, 'Project', projectId);
    const settings: AutoAssignSettings = {
      enabled: input.enabled,
      ...resolveAutoAssignPolicy({
        offerWindowMinutes: input.offerWindowMinutes ?? undefined,
        maxCandidates: input.maxCandidates ?? undefined,
      }),
    };
    await this.dataSource.transaction(async (manager) => {
      await this.settings.save(projectId, settings, this.clock.now(), manager);
      if (!settings.enabled) return;
      // Tasks already OPEN when auto-assignment is switched on get their first offer now.
      for (const id of await this.tasks.openIdsOf(projectId, manager)) {
        const task = await this.tasks.lock(id, manager);
        if (task?.status === 'OPEN') await this.offerNext(task, settings, manager);
      }
    });
    return settings;
  }

  /** In the transition's transaction (task-lifecycle.flow.ts): a task that became OPEN gets its next automatic offer. */
  async offerIfOpened({ task, from, to }: TaskTransition, manager: EntityManager): Promise<void> {
    if (to.status !== 'OPEN' || this.inProgress.has(task.id)) return;
    if (from.status === 'OFFERED') {
      // Only an automatic offer that was declined or expired moves the cascade on.
      if ((await this.offerRecords.latestSourceOf(task.id, manager)) !== 'AUTO') return;
    } else if (from.status !== 'BLOCKED' && from.status !== 'PAUSED') {
      return;
    }
    const settings = await this.settings.find(task.projectId, manager);
    if (settings?.enabled) await this.offerNext(task, settings, manager);
  }

  /** Offers the task to the next best eligible freelancer, unless the cascade is over. */
  private async offerNext(
    task: TaskEntity,
    settings: AutoAssignSettings,
    manager: EntityManager,
  ): Promise<TaskOfferEntity | null> {
    const previous = await this.offerRecords.ofTask(task.id, manager);
    if (previous.filter((o) => o.source === 'AUTO').length >= settings.maxCandidates) return null;
    const now = this.clock.now();
    const [best] = await this.matchmaking.recommend(task, now, manager, {
      limit: 1,
      exclude: new Set(previous.map((o) => o.freelancerId)),
      eligibleOnly: true,
    });
    if (!best) return null;
    const next = transitionTask(task.state, {
      kind: 'OFFER',
      freelancerId: best.match.freelancerId,
      at: now,
      expiresAt: new Date(now.getTime() + settings.offerWindowMinutes * 60_000),
    });
    this.inProgress.add(task.id);
    try {
      return await this.offers.recordOffer(task, next, null, 'AUTO', manager);
    } finally {
      this.inProgress.delete(task.id);
    }
  }
}
