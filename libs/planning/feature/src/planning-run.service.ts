import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { requireOwnerOrAdmin, Viewer } from '@splitwork/api-kit';
import { DomainEvents } from '@splitwork/database';
import { defineJob, JobContext, JobLeaseLostError, JobQueue, JobRegistry } from '@splitwork/jobs';
import { Clock, DomainError } from '@splitwork/kernel';
import {
  applyCalibration,
  applySizeBand,
  BriefLineOverrides,
  mergeOwnerTasks,
  Plan,
  PlannerAudit,
  PlannerProgress,
  Planner,
  PlanningFailure,
  PlanSettings,
  SizeBand,
} from '@splitwork/planning-core';
import { CalibrationFactorSample, EstimateCalibrationSource } from './estimate-calibration.source';
import { PlanRepository } from './plan.repository';
import { PLANNER } from './planner.provider';
import { PlanningEvents } from './planning-events';
import { PlanningRunEntity } from './planning-run.entity';
import { PlanningRunFailed, PlanningRunSucceeded } from './planning-run.events';
import { PlanningRunRepository } from './planning-run.repository';
import { ProjectEntity } from './project.entity';
import { ProjectRepository } from './project.repository';
import { planSettingsOf, toSizeBand } from './project-settings';
import { PlanningRunStatus, ProjectStatus } from './target-platform';

export const PLANNING_RUN_JOB = defineJob<{ runId: string }>('planning.run', { maxAttempts: 3 });

/** Hash of everything a plan depends on: the plan cache key and the run's input hash. */
export function planInputHash(
  brief: string,
  settings: PlanSettings,
  planner: Planner,
  briefLineKinds: BriefLineOverrides = {},
): string {
  const lineKinds = Object.entries(briefLineKinds).sort(([a], [b]) => Number(a) - Number(b));
  const input = {
    brief,
    // Absent when the owner reclassified nothing, so earlier cache keys stay valid.
    ...(lineKinds.length > 0 ? { lineKinds } : {}),
    settings: {
      sizeBand: settings.sizeBand,
      rateCard: settings.rateCard,
      currency: settings.currency,
      targetPlatforms: [...settings.targetPlatforms].sort(),
    },
    planner: planner.kind,
    model: planner.model,
    promptVersion: planner.promptVersion,
    schemaVersion: planner.schemaVersion,
  };
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

const PLANNABLE = new Set([ProjectStatus.DRAFT, ProjectStatus.PLANNED]);

/** Starts planning runs and carries them out in the job runner. */
@Injectable()
export class PlanningRunService implements OnModuleInit {
  private readonly logger = new Logger('Planning');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLANNER) private readonly planner: Planner,
    private readonly projects: ProjectRepository,
    private readonly runs: PlanningRunRepository,
    private readonly plans: PlanRepository,
    private readonly events: PlanningEvents,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly calibration: EstimateCalibrationSource,
    private readonly domainEvents: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.registry.register(PLANNING_RUN_JOB, ({ runId }, job) => this.execute(runId, job));
  }

  /**
   * Queues a run for the project and returns it at once. One run at a time
   * per project; the owner may change the size band for this and later runs.
   */
  async start(
    viewer: Viewer,
    projectId: string,
    sizeBand?: Partial<SizeBand>,
  ): Promise<PlanningRunEntity> {
    return this.dataSource.transaction(async (manager) => {
      const project = await this.lockOwnedProject(viewer, projectId, manager);
      if (!PLANNABLE.has(project.status)) {
        throw DomainError.invalidTransition(project.status, 'plan the project');
      }
      if (await this.runs.findActive(projectId, manager)) {
        throw DomainError.conflict('A planning run is already in progress for this project');
      }
      if (sizeBand) {
        const band = toSizeBand(sizeBand);
        project.sizeBandMinHours = band.minHours;
        project.sizeBandMaxHours = band.maxHours;
        await this.projects.update(
          project.id,
          { sizeBandMinHours: band.minHours, sizeBandMaxHours: band.maxHours },
          manager,
        );
      }
      const settings = planSettingsOf(project);
      const run = await this.runs.create(
        {
          projectId,
          requestedBy: viewer.id,
          status: PlanningRunStatus.QUEUED,
          planner: this.planner.kind,
          model: this.planner.model,
          promptVersion: this.planner.promptVersion,
          schemaVersion: this.planner.schemaVersion,
          inputHash: planInputHash(project.brief, settings, this.planner, project.briefLineKinds),
          settings,
          stage: 'QUEUED',
          percent: 0,
          message: 'Waiting for a worker',
          cacheHit: false,
          tokensIn: 0,
          tokensOut: 0,
          costMicroUsd: 0,
          modelCalls: 0,
          validationErrors: [],
          modelCallLog: [],
        },
        manager,
      );
      await this.jobs.enqueue(manager, PLANNING_RUN_JOB, { runId: run.id });
      return run;
    });
  }

  async get(viewer: Viewer, runId: string): Promise<PlanningRunEntity> {
    const run = await this.runs.findById(runId);
    if (!run) throw DomainError.notFound('Planning run', runId);
    const project = await this.projects.findById(run.projectId);
    requireOwnerOrAdmin(viewer, project?.ownerId ?? '', 'Planning run', runId);
    return run;
  }

  /**
   * Runs a queued run to its end: a stored valid plan, or a failure with its
   * reason. Every write is fenced to this job execution: if a slow run's
   * runner lost the job to another, the stale execution writes nothing.
   */
  async execute(runId: string, job: JobContext): Promise<void> {
    const claimed = await this.dataSource.transaction(async (manager) => {
      await job.assertStillOwner(manager);
      const run = await this.runs.lock(runId, manager);
      // Finished already (a job retried after a crash): nothing to do.
      if (
        !run ||
        (run.status !== PlanningRunStatus.QUEUED && run.status !== PlanningRunStatus.RUNNING)
      )
        return null;
      const project = await this.projects.findById(run.projectId, manager);
      if (!project) return null;
      const changes = {
        status: PlanningRunStatus.RUNNING,
        startedAt: this.clock.now(),
        stage: 'STARTED',
        percent: 5,
        message: 'Planning started',
      };
      await this.runs.update(run.id, changes, manager);
      return { run: { ...run, ...changes }, project };
    });
    if (!claimed) return;
    const { run, project } = claimed;
    await this.publish(run, {});
    const startedAt = performance.now();
    try {
      const outcome = await this.produce(run, project, job);
      const latencyMs = Math.round(performance.now() - startedAt);
      await this.finish(run, project, outcome, latencyMs, job);
    } catch (error) {
      // The execution that owns the job now writes the run's outcome.
      if (error instanceof JobLeaseLostError) throw error;
      await this.fail(run, error, Math.round(performance.now() - startedAt), job);
    }
  }

  private async produce(
    run: PlanningRunEntity,
    project: ProjectEntity,
    job: JobContext,
  ): Promise<{ plan: Plan; audit: PlannerAudit; cacheHit: boolean }> {
    const cached = await this.plans.cached(run.inputHash);
    if (cached) {
      await this.progress(run, job, {
        stage: 'CACHE_HIT',
        percent: 90,
        message: 'Same brief and settings planned before: served from the cache',
      });
      return {
        plan: cached.plan,
        audit: {
          ...cached.audit,
          tokensIn: 0,
          tokensOut: 0,
          costMicroUsd: 0,
          calls: 0,
          modelCalls: [],
        },
        cacheHit: true,
      };
    }
    // Progress is written in order, and all of it before the run's final state.
    let written = Promise.resolve();
    try {
      const result = await this.planner.plan({
        brief: project.brief,
        settings: run.settings,
        runId: run.id,
        briefLineKinds: project.briefLineKinds,
        onProgress: (p) => {
          written = written.then(() => this.progress(run, job, p));
        },
      });
      return { ...result, cacheHit: false };
    } finally {
      await written;
    }
  }

  private async finish(
    run: PlanningRunEntity,
    project: ProjectEntity,
    { plan, audit, cacheHit }: { plan: Plan; audit: PlannerAudit; cacheHit: boolean },
    latencyMs: number,
    job: JobContext,
  ): Promise<void> {
    const message = audit.fallbackReason
      ? `Planned ${plan.tasks.length} tasks in ${plan.features.length} features with the offline planner (fallback: ${audit.fallbackReason})`
      : `Planned ${plan.tasks.length} tasks in ${plan.features.length} features`;
    await this.dataSource.transaction(async (manager) => {
      await job.assertStillOwner(manager);
      const current = await this.projects.lock(project.id, manager);
      if (!current) throw DomainError.notFound('Project', project.id);
      const previous = await this.plans.findByProject(project.id, manager);
      // The cache keeps the planner's own estimates; corrections learned from finished
      // work are applied on top, so a cached plan is calibrated with today's factors.
      const { calibrated, applied } = await this.calibrate(
        current.ownerId,
        plan,
        run.settings.sizeBand,
        manager,
      );
      // The tasks the owner added or locked survive a re-plan.
      const merged = mergeOwnerTasks(previous?.document ?? null, calibrated, run.settings.sizeBand);
      await this.plans.save(project.id, run.id, merged, this.clock.now(), manager);
      // A fallback plan is not what this input gives through the model: never cache it under its key.
      if (!cacheHit && !audit.fallbackReason) {
        await this.plans.cache(run.inputHash, { plan, audit }, manager);
      }
      if (current.status === ProjectStatus.DRAFT) {
        await this.projects.update(project.id, { status: ProjectStatus.PLANNED }, manager);
      }
      await this.runs.update(
        run.id,
        {
          status: PlanningRunStatus.SUCCEEDED,
          stage: 'DONE',
          percent: 100,
          message,
          ...this.auditColumns(audit),
          cacheHit,
          calibration: applied,
          latencyMs,
          finishedAt: this.clock.now(),
        },
        manager,
      );
      await this.domainEvents.publish(
        new PlanningRunSucceeded(
          run.id,
          current.id,
          current.ownerId,
          current.title,
          merged.tasks.length,
        ),
        manager,
      );
    });
    await this.publish(run, {
      status: PlanningRunStatus.SUCCEEDED,
      stage: 'DONE',
      percent: 100,
      message,
    });
  }

  /** Scales estimates by the per-skill factors, then fits the tasks to the band again. */
  private async calibrate(
    ownerId: string,
    plan: Plan,
    band: SizeBand,
    manager: EntityManager,
  ): Promise<{ calibrated: Plan; applied: CalibrationFactorSample[] }> {
    const { factors, samples } = await this.calibration.current(ownerId, manager);
    if (Object.keys(factors).length === 0) return { calibrated: plan, applied: [] };
    const { plan: scaled, adjustments } = applyCalibration(plan, factors);
    if (adjustments.length === 0) return { calibrated: plan, applied: [] };
    const used = new Set(adjustments.flatMap((a) => a.skills.map((s) => s.trim().toLowerCase())));
    return {
      calibrated: applySizeBand(scaled, band),
      applied: samples.filter((s) => used.has(s.skill.trim().toLowerCase())),
    };
  }

  private async fail(
    run: PlanningRunEntity,
    error: unknown,
    latencyMs: number,
    job: JobContext,
  ): Promise<void> {
    let reason: string;
    if (error instanceof PlanningFailure || error instanceof DomainError) {
      reason = error instanceof PlanningFailure ? error.reason : error.message;
    } else {
      reason = 'Planning stopped on an internal error';
      this.logger.error({ err: error, runId: run.id }, 'planning run failed unexpectedly');
    }
    await this.dataSource.transaction(async (manager) => {
      await job.assertStillOwner(manager);
      await this.runs.update(
        run.id,
        {
          status: PlanningRunStatus.FAILED,
          stage: 'FAILED',
          percent: 100,
          message: reason,
          failureReason: reason,
          ...(error instanceof PlanningFailure ? this.auditColumns(error.audit) : {}),
          latencyMs,
          finishedAt: this.clock.now(),
        },
        manager,
      );
      const project = await this.projects.findById(run.projectId, manager);
      if (project) {
        await this.domainEvents.publish(
          new PlanningRunFailed(run.id, project.id, project.ownerId, project.title, reason),
          manager,
        );
      }
    });
    await this.publish(run, {
      status: PlanningRunStatus.FAILED,
      stage: 'FAILED',
      percent: 100,
      message: reason,
      failureReason: reason,
    });
  }

  private auditColumns(audit: PlannerAudit): Partial<PlanningRunEntity> {
    return {
      tokensIn: audit.tokensIn,
      tokensOut: audit.tokensOut,
      costMicroUsd: audit.costMicroUsd,
      modelCalls: audit.calls,
      validationErrors: [...audit.validationErrors],
      rawOutput: audit.rawOutput,
      modelCallLog: [...(audit.modelCalls ?? [])],
      fallbackReason: audit.fallbackReason ?? null,
    };
  }

  private async progress(
    run: PlanningRunEntity,
    job: JobContext,
    progress: PlannerProgress,
  ): Promise<void> {
    const percent = Math.max(0, Math.min(99, Math.round(progress.percent)));
    try {
      await this.dataSource.transaction(async (manager) => {
        await job.assertStillOwner(manager);
        await this.runs.updateWhileRunning(
          run.id,
          { stage: progress.stage, percent, message: progress.message },
          manager,
        );
      });
      await this.publish(run, {
        stage: progress.stage,
        message: progress.message,
        percent,
        tokensReceived: progress.tokensReceived,
      });
    } catch (error) {
      this.logger.warn({ err: error, runId: run.id }, 'could not record planning progress');
    }
  }

  private async publish(
    run: PlanningRunEntity,
    change: Partial<Record<'status' | 'stage' | 'message' | 'failureReason', string>> & {
      percent?: number;
      tokensReceived?: number;
    },
  ): Promise<void> {
    await this.events.publish({
      runId: run.id,
      projectId: run.projectId,
      status: (change.status as PlanningRunStatus | undefined) ?? PlanningRunStatus.RUNNING,
      stage: change.stage ?? run.stage,
      percent: change.percent ?? run.percent,
      message: change.message ?? run.message,
      failureReason: change.failureReason ?? null,
      tokensReceived: change.tokensReceived ?? null,
    });
  }

  private async lockOwnedProject(
    viewer: Viewer,
    projectId: string,
    manager: EntityManager,
  ): Promise<ProjectEntity> {
    const project = await this.projects.lock(projectId, manager);
    if (!project) throw DomainError.notFound('Project', projectId);
    requireOwnerOrAdmin(viewer, project.ownerId, 'Project', projectId);
    return project;
  }
}
