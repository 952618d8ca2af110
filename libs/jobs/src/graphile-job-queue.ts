import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { Logger as GraphileLogger, run, runMigrations, runOnce } from 'graphile-worker';
import type { Runner, TaskList } from 'graphile-worker';
import { EnqueueOptions, JobDefinition, JobQueue, JobRunner } from './job';
import { JobRegistry } from './job-registry';

/** Any fixed number: serialises graphile-worker's schema migrations across processes. */
const GRAPHILE_MIGRATION_LOCK = 72_101_965;

/**
 * Server-mode queue: graphile-worker's `add_job` called through the caller's
 * transaction, so the job commits or rolls back with the state change.
 */
export class GraphileJobQueue extends JobQueue {
  async enqueue<Payload extends object>(
    manager: EntityManager,
    job: JobDefinition<Payload>,
    payload: Payload,
    options: EnqueueOptions = {},
  ): Promise<void> {
    await manager.query(
      `SELECT graphile_worker.add_job($1::text, $2::json, run_at => $3::timestamptz,
         max_attempts => $4::int, job_key => $5::text)`,
      [
        job.name,
        JSON.stringify(payload),
        options.runAt ?? null,
        job.maxAttempts,
        options.jobKey ?? null,
      ],
    );
  }
}

/** Runs graphile-worker inside this process with the handlers of the registry. */
export class GraphileJobRunner extends JobRunner {
  private readonly logger = new Logger('Jobs');
  private runner?: Runner;

  constructor(
    private readonly pool: Pool,
    private readonly registry: JobRegistry,
    private readonly concurrency: number,
  ) {
    super();
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
        await registered.handler(payload as object, {
          jobId: helpers.job.id,
          attempt: helpers.job.attempts,
        });
      };
    }
    return tasks;
  }

  async start(): Promise<void> {
    if (this.runner) return;
    this.runner = await run({
      pgPool: this.pool,
      concurrency: this.concurrency,
      noHandleSignals: true,
      pollInterval: 1000,
      taskList: this.taskList(),
      logger: graphileLogger(this.logger),
    });
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    this.runner = undefined;
  }

  async drain(): Promise<number> {
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
