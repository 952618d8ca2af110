import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@splitwork/kernel';
import { EnqueueOptions, JobDefinition, JobQueue, JobRunner, retryDelayMs } from './job';
import { JobRegistry } from './job-registry';

interface ClaimedJob {
  id: string;
  name: string;
  payload: object;
  attempts: number;
  max_attempts: number;
}

/** Marks a transaction that enqueued jobs (in QueryRunner.data). */
export const JOBS_ENQUEUED = 'splitwork.jobsEnqueued';

/** A lock older than this belongs to a runner that died; the job is taken again. */
const STALE_LOCK_MS = 5 * 60 * 1000;
const POLL_MS = 250;

/** Zero-setup queue: rows in `job_queue`, written in the caller's transaction. */
@Injectable()
export class EmbeddedJobQueue extends JobQueue {
  constructor(private readonly clock: Clock) {
    super();
  }

  async enqueue<Payload extends object>(
    manager: EntityManager,
    job: JobDefinition<Payload>,
    payload: Payload,
    options: EnqueueOptions = {},
  ): Promise<void> {
    const runAt = options.runAt ?? this.clock.now();
    // Lets the runner start the job as soon as this transaction commits.
    if (manager.queryRunner) manager.queryRunner.data[JOBS_ENQUEUED] = true;
    await manager.query(
      `INSERT INTO job_queue (name, payload, job_key, run_at, max_attempts)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (job_key) DO UPDATE
         SET payload = EXCLUDED.payload, run_at = EXCLUDED.run_at, attempts = 0, last_error = NULL
         WHERE job_queue.locked_at IS NULL`,
      [job.name, JSON.stringify(payload), options.jobKey ?? null, runAt, job.maxAttempts],
    );
  }
}

/**
 * Runs due jobs from `job_queue` inside this process. A job is claimed with a
 * single UPDATE ... FOR UPDATE SKIP LOCKED, so several runners never take the
 * same one; no transaction stays open while its handler runs.
 */
@Injectable()
export class EmbeddedJobRunner extends JobRunner {
  private readonly logger = new Logger('Jobs');
  private readonly workerId = `embedded-${randomUUID()}`;
  private running = false;
  private loops: Promise<void>[] = [];
  private wake?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly concurrency: number,
  ) {
    super();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.concurrency }, () => this.loop());
  }

  /** Polls at once instead of at the next tick (a transaction that enqueued jobs committed). */
  wakeUp(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await Promise.all(this.loops);
    this.loops = [];
  }

  async drain(): Promise<number> {
    let ran = 0;
    while (await this.runOne()) ran++;
    return ran;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let didWork = false;
      try {
        didWork = await this.runOne();
      } catch (error) {
        if (!this.running) return;
        this.logger.error({ err: error }, 'job runner poll failed');
      }
      if (!didWork && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            this.wake = undefined;
            resolve();
          };
        });
      }
    }
  }

  /** Claims and runs one due job; false when none is due. */
  async runOne(): Promise<boolean> {
    const now = this.clock.now();
    const rows: ClaimedJob[] = await this.dataSource.query(
      `WITH claimed AS (
       UPDATE job_queue SET locked_by = $1, locked_at = $2, attempts = attempts + 1
       WHERE id = (
         SELECT id FROM job_queue
         WHERE run_at <= $2 AND attempts < max_attempts
           AND (locked_at IS NULL OR locked_at < $3)
         ORDER BY run_at, id
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, name, payload, attempts, max_attempts)
       SELECT * FROM claimed`,
      [this.workerId, now, new Date(now.getTime() - STALE_LOCK_MS)],
    );
    const job = rows[0];
    if (!job) return false;
    const registered = this.registry.get(job.name);
    try {
      if (!registered) throw new Error(`No handler for job "${job.name}"`);
      await registered.handler(job.payload, { jobId: String(job.id), attempt: job.attempts });
      await this.dataSource.query(`DELETE FROM job_queue WHERE id = $1 AND locked_by = $2`, [
        job.id,
        this.workerId,
      ]);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const final = job.attempts >= job.max_attempts;
      this.logger.warn(
        { job: job.name, jobId: job.id, attempt: job.attempts, final, err: error },
        final ? 'job failed for good' : 'job failed, will retry',
      );
      await this.dataSource.query(
        `UPDATE job_queue SET locked_by = NULL, locked_at = NULL, last_error = $2, run_at = $3
         WHERE id = $1`,
        [
          job.id,
          message.slice(0, 4000),
          new Date(this.clock.now().getTime() + retryDelayMs(job.attempts)),
        ],
      );
    }
    return true;
  }
}
