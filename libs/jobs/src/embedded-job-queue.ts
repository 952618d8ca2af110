import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Clock } from '@splitwork/kernel';
import { JobLeaseLostError, JobQueue, JobRunner, JobSpec, retryDelayMs } from './job';
import { DEFAULT_JOB_LEASE, EMBEDDED_POLL_MS, Heartbeat, JobLeaseOptions } from './job-lease';
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

/** Zero-setup queue: rows in `job_queue`, written in the caller's transaction. */
@Injectable()
export class EmbeddedJobQueue extends JobQueue {
  constructor(private readonly clock: Clock) {
    super();
  }

  /** Lets the runner start the jobs as soon as this transaction commits. */
  protected override enqueuedIn(runner: QueryRunner): void {
    runner.data[JOBS_ENQUEUED] = true;
  }

  protected async write(manager: EntityManager, jobs: readonly JobSpec[]): Promise<void> {
    if (manager.queryRunner) manager.queryRunner.data[JOBS_ENQUEUED] = true;
    const keys = jobs.flatMap((job) => (job.jobKey === null ? [] : [job.jobKey]));
    if (keys.length > 0) {
      // The running job with one of these keys saw older state: it keeps
      // running but gives up its key and its retries, and a new job runs
      // after it (graphile-worker's job_key semantics).
      await manager.query(
        `UPDATE job_queue SET job_key = NULL, attempts = max_attempts
         WHERE job_key = ANY($1::text[]) AND locked_at IS NOT NULL`,
        [keys],
      );
    }
    const now = this.clock.now();
    await manager.query(
      `INSERT INTO job_queue (name, payload, job_key, run_at, max_attempts)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::timestamptz[], $5::int[])
       ON CONFLICT (job_key) DO UPDATE
         SET payload = EXCLUDED.payload, run_at = EXCLUDED.run_at, attempts = 0, last_error = NULL`,
      [
        jobs.map((job) => job.name),
        jobs.map((job) => JSON.stringify(job.payload)),
        jobs.map((job) => job.jobKey),
        jobs.map((job) => job.runAt ?? now),
        jobs.map((job) => job.maxAttempts),
      ],
    );
  }
}

/**
 * Runs due jobs from `job_queue` inside this process. A job is claimed with a
 * single UPDATE ... FOR UPDATE SKIP LOCKED, so several runners never take the
 * same one; no transaction stays open while its handler runs. The claim is a
 * lease renewed by a heartbeat while the handler runs; a job whose lease ran
 * out is claimed again, with a new token that fences out the old execution.
 */
@Injectable()
export class EmbeddedJobRunner extends JobRunner {
  private readonly logger = new Logger('Jobs');
  private readonly workerId = `embedded-${randomUUID()}`;
  private running = false;
  private loops: Promise<void>[] = [];
  private wake?: () => void;
  private readonly heartbeat: Heartbeat<string, string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly concurrency: number,
    private readonly lease: JobLeaseOptions = DEFAULT_JOB_LEASE,
  ) {
    super();
    this.heartbeat = new Heartbeat(lease.heartbeatMs, (tokens) => this.renew(tokens));
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
          const timer = setTimeout(resolve, EMBEDDED_POLL_MS);
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
    const token = randomUUID();
    // Leases are measured on the database clock, the one clock every runner shares.
    const rows: ClaimedJob[] = await this.dataSource.query(
      `WITH claimed AS (
       UPDATE job_queue SET locked_by = $1, locked_at = now(), attempts = attempts + 1,
         lease_token = $3, lease_expires_at = now() + make_interval(secs => $4::float8 / 1000)
       WHERE id = (
         SELECT id FROM job_queue
         WHERE run_at <= $2 AND attempts < max_attempts AND name = ANY($5::text[])
           AND (locked_at IS NULL OR lease_expires_at < now())
         ORDER BY run_at, id
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, name, payload, attempts, max_attempts)
       SELECT * FROM claimed`,
      [this.workerId, this.clock.now(), token, this.lease.leaseMs, this.registry.names()],
    );
    const job = rows[0];
    if (!job) return false;
    const jobId = String(job.id);
    const registered = this.registry.get(job.name)!;
    this.heartbeat.add(token, token);
    try {
      await registered.handler(job.payload, {
        jobId,
        attempt: job.attempts,
        assertStillOwner: (manager) => this.assertStillOwner(manager, job.name, jobId, token),
      });
      // A stale execution deletes nothing: the row belongs to the execution that took it again.
      await this.dataSource.query(`DELETE FROM job_queue WHERE id = $1 AND lease_token = $2`, [
        job.id,
        token,
      ]);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const final = job.attempts >= job.max_attempts;
      this.logger.warn(
        { job: job.name, jobId: job.id, attempt: job.attempts, final, err: error },
        final ? 'job failed for good' : 'job failed, will retry',
      );
      await this.dataSource.query(
        `UPDATE job_queue SET locked_by = NULL, locked_at = NULL, lease_token = NULL,
           lease_expires_at = NULL, last_error = $3, run_at = $4
         WHERE id = $1 AND lease_token = $2`,
        [
          job.id,
          token,
          message.slice(0, 4000),
          new Date(this.clock.now().getTime() + retryDelayMs(job.attempts)),
        ],
      );
    } finally {
      this.heartbeat.delete(token);
    }
    return true;
  }

  /** Renews the leases of the jobs this runner is running. */
  private async renew(tokens: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE job_queue SET lease_expires_at = now() + make_interval(secs => $2::float8 / 1000)
       WHERE lease_token = ANY($1::uuid[])`,
      [tokens, this.lease.leaseMs],
    );
  }

  private async assertStillOwner(
    manager: EntityManager,
    name: string,
    jobId: string,
    token: string,
  ): Promise<void> {
    // FOR UPDATE: nobody can take the job again until this transaction ends.
    const rows: { lease_token: string | null }[] = await manager.query(
      `SELECT lease_token FROM job_queue WHERE id = $1 FOR UPDATE`,
      [jobId],
    );
    if (rows[0]?.lease_token !== token) throw new JobLeaseLostError(name, jobId);
  }
}
