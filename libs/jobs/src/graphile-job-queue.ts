import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '@splitwork/database';
import { Logger as GraphileLogger, run, runMigrations, runOnce } from 'graphile-worker';
import type { Runner, TaskList } from 'graphile-worker';
import { JobContext, JobLeaseLostError, JobQueue, JobRunner, JobSpec } from './job';
import { DEFAULT_JOB_LEASE, GRAPHILE_POLL_MS, Heartbeat, JobLeaseOptions } from './job-lease';
import { JobRegistry } from './job-registry';

/** Any fixed number: serialises graphile-worker's schema migrations across processes. */
const GRAPHILE_MIGRATION_LOCK = 72_101_965;

/**
 * Server-mode queue: graphile-worker's `add_jobs` called through the caller's
 * transaction, so the jobs commit or roll back with the state change; the
 * jobs of one transaction in one statement, in order.
 */
export class GraphileJobQueue extends JobQueue {
  protected async write(manager: EntityManager, jobs: readonly JobSpec[]): Promise<void> {
    // add_job is add_jobs with one job: the whole batch in one call (one NOTIFY).
    await preparedQuery(
      manager,
      `SELECT count(*) AS n FROM graphile_worker.add_jobs(
         ARRAY(SELECT (j.name, j.payload, NULL, j.run_at, j.max_attempts, j.job_key, NULL, NULL)
                        ::graphile_worker.job_spec
                 FROM unnest($1::text[], $2::json[], $3::timestamptz[], $4::smallint[], $5::text[])
                        WITH ORDINALITY AS j(name, payload, run_at, max_attempts, job_key, n)
                ORDER BY j.n),
         false)`,
      [
        jobs.map((job) => job.name),
        jobs.map((job) => JSON.stringify(job.payload)),
        jobs.map((job) => job.runAt),
        jobs.map((job) => job.maxAttempts),
        jobs.map((job) => job.jobKey),
      ],
    );
  }
}

interface RunningJob {
  jobId: string;
  workerId: string;
}

/**
 * Runs graphile-worker inside this process with the handlers of the registry.
 *
 * graphile-worker itself frees a dead worker's jobs only after four hours, so
 * liveness is ours: while a worker runs a job it beats in
 * `job_worker_heartbeats` (and keeps the job's `locked_at` fresh), and every
 * runner sweeps: the jobs of a worker whose heartbeat is older than the lease
 * are unlocked with `force_unlock_workers` and run again. The old execution is
 * fenced by the job's (locked_by, attempts), which the new claim changes.
 */
export class GraphileJobRunner extends JobRunner {
  private readonly logger = new Logger('Jobs');
  private runner?: Runner;
  private sweeper?: NodeJS.Timeout;
  private readonly heartbeat: Heartbeat<string, RunningJob>;

  constructor(
    private readonly pool: Pool,
    private readonly registry: JobRegistry,
    private readonly concurrency: number,
    private readonly lease: JobLeaseOptions = DEFAULT_JOB_LEASE,
  ) {
    super();
    this.heartbeat = new Heartbeat(lease.heartbeatMs, (running) => this.beat(running));
  }

  /** Creates graphile-worker's schema; needed before the first enqueue. */
  static async migrate(pool: Pool): Promise<void> {
    // API and worker processes start together: one creates the schema, the others wait.
    const lockHolder = await pool.connect();
    try {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [GRAPHILE_MIGRATION_LOCK]);
      await runMigrations({ pgPool: pool, logger: graphileLogger(new Logger('Jobs')) });
    } finally {
      await lockHolder
        .query('SELECT pg_advisory_unlock($1)', [GRAPHILE_MIGRATION_LOCK])
        .catch(() => undefined);
      lockHolder.release();
    }
  }

  private taskList(): TaskList {
    const tasks: TaskList = {};
    for (const name of this.registry.names()) {
      tasks[name] = async (payload, helpers) => {
        const registered = this.registry.get(name)!;
        const { id: jobId, attempts } = helpers.job;
        const workerId = helpers.job.locked_by!;
        const key = `${jobId}:${attempts}`;
        const context: JobContext = {
          jobId,
          attempt: attempts,
          assertStillOwner: async (manager) => {
            if (!(await this.owns((sql, p) => manager.query(sql, p), jobId, workerId, attempts))) {
              throw new JobLeaseLostError(name, jobId);
            }
          },
        };
        this.heartbeat.add(key, { jobId, workerId });
        try {
          await this.beat([{ jobId, workerId }]);
          await registered.handler(payload as object, context);
          // graphile-worker deletes a completed job whoever holds it: a stale
          // execution fails instead, which only touches a job it still holds.
          const query = (sql: string, p: unknown[]) => this.pool.query(sql, p);
          if (!(await this.owns(query, jobId, workerId, attempts))) {
            throw new JobLeaseLostError(name, jobId);
          }
        } finally {
          this.heartbeat.delete(key);
          await this.forget(workerId);
        }
      };
    }
    return tasks;
  }

  private async owns(
    query: (sql: string, params: unknown[]) => Promise<unknown>,
    jobId: string,
    workerId: string,
    attempts: number,
  ): Promise<boolean> {
    // FOR UPDATE: inside a transaction, nobody can unlock or take the job until it ends.
    const result = await query(
      `SELECT 1 FROM graphile_worker._private_jobs
       WHERE id = $1 AND locked_by = $2 AND attempts = $3 FOR UPDATE`,
      [jobId, workerId, attempts],
    );
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    return rows.length > 0;
  }

  /** Marks the workers alive and keeps their jobs' locks fresh (graphile-worker's own limit is four hours). */
  private async beat(running: RunningJob[]): Promise<void> {
    const workerIds = [...new Set(running.map((r) => r.workerId))];
    await this.pool.query(
      `WITH beat AS (
         INSERT INTO job_worker_heartbeats (worker_id, beat_at)
         SELECT unnest($1::text[]), now()
         ON CONFLICT (worker_id) DO UPDATE SET beat_at = now())
       UPDATE graphile_worker._private_jobs SET locked_at = now()
       WHERE id = ANY($2::bigint[]) AND locked_by = ANY($1::text[])`,
      [workerIds, running.map((r) => r.jobId)],
    );
  }

  /** A worker without a running job holds no lock: it needs no heartbeat row. */
  private async forget(workerId: string): Promise<void> {
    if (this.heartbeat.values().some((r) => r.workerId === workerId)) return;
    await this.pool
      .query(`DELETE FROM job_worker_heartbeats WHERE worker_id = $1`, [workerId])
      .catch((error: unknown) => this.logger.warn({ err: error }, 'job heartbeat cleanup failed'));
  }

  /**
   * Unlocks the jobs of dead workers: a heartbeat older than the lease, or a
   * lock older than the lease whose worker never beat (it died at once).
   */
  async sweep(): Promise<number> {
    const { rows } = await this.pool.query<{ worker_id: string }>(
      `WITH dead AS (
         DELETE FROM job_worker_heartbeats
         WHERE beat_at < now() - make_interval(secs => $1::float8 / 1000)
         RETURNING worker_id),
       orphaned AS (
         SELECT DISTINCT locked_by AS worker_id FROM graphile_worker._private_jobs j
         WHERE locked_by IS NOT NULL
           AND locked_at < now() - make_interval(secs => $1::float8 / 1000)
           AND NOT EXISTS (SELECT 1 FROM job_worker_heartbeats h WHERE h.worker_id = j.locked_by)),
       gone AS (SELECT worker_id FROM dead UNION SELECT worker_id FROM orphaned)
       SELECT worker_id FROM gone`,
      [this.lease.leaseMs],
    );
    if (rows.length === 0) return 0;
    const workerIds = rows.map((r) => r.worker_id);
    await this.pool.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [workerIds]);
    this.logger.warn({ workerIds }, 'unlocked the jobs of job workers that stopped beating');
    return workerIds.length;
  }

  async start(): Promise<void> {
    if (this.runner) return;
    this.runner = await run({
      pgPool: this.pool,
      concurrency: this.concurrency,
      noHandleSignals: true,
      pollInterval: GRAPHILE_POLL_MS,
      taskList: this.taskList(),
      logger: graphileLogger(this.logger),
    });
    this.sweeper = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'job worker sweep failed'),
      );
    }, this.lease.heartbeatMs);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    await this.runner?.stop();
    this.runner = undefined;
  }

  async drain(): Promise<number> {
    await this.sweep();
    const before = await this.pending();
    await runOnce({
      pgPool: this.pool,
      taskList: this.taskList(),
      logger: graphileLogger(this.logger),
    });
    return Math.max(0, before - (await this.pending()));
  }

  private async pending(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM graphile_worker.jobs WHERE run_at <= now() AND attempts < max_attempts`,
    );
    return Number(rows[0].n);
  }
}

function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger(() => (level, message, meta) => {
    // LogLevel is a type-only enum in graphile-worker: compare its string values.
    const severity: string = level;
    if (severity === 'error') logger.error({ ...meta }, message);
    else if (severity === 'warning') logger.warn({ ...meta }, message);
    else logger.debug({ ...meta }, message);
  });
}
