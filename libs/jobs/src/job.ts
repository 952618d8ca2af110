import type { EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/** A kind of background job and the shape of its payload. */
export interface JobDefinition<Payload extends object> {
  readonly name: string;
  /** Attempts before the job is left failed for an operator to see. */
  readonly maxAttempts: number;
  /** Only used for typing the payload. */
  readonly __payload?: Payload;
}

export function defineJob<Payload extends object>(
  name: string,
  options: { maxAttempts?: number } = {},
): JobDefinition<Payload> {
  return { name, maxAttempts: options.maxAttempts ?? 10 };
}

export interface EnqueueOptions {
  /** When the job becomes due; now when absent. */
  runAt?: Date;
  /**
   * At most one pending job per key: enqueuing again with the same key
   * replaces the pending job's payload and time. If the job with that key is
   * running, a new job is queued to run after it (the running one saw older
   * state) and the running one is not retried.
   */
  jobKey?: string;
}

/** One execution of a job: what a handler knows about the run it is part of. */
export interface JobContext {
  readonly jobId: string;
  readonly attempt: number;
  /**
   * Fences a transaction to this execution. Locks the job's row until the
   * transaction ends and throws JobLeaseLostError when the lease was lost
   * (the runner stalled past its lease and another execution took the job),
   * so a stale execution can never commit. Call it in every transaction
   * whose writes must happen once.
   */
  assertStillOwner(manager: EntityManager): Promise<void>;
}

/** Thrown inside a fenced transaction of an execution that no longer owns its job. */
export class JobLeaseLostError extends Error {
  constructor(jobName: string, jobId: string) {
    super(
      `Job "${jobName}" ${jobId}: this execution lost its lease to another one; its writes are refused`,
    );
    this.name = 'JobLeaseLostError';
  }
}

export type JobHandler<Payload extends object> = (
  payload: Payload,
  context: JobContext,
) => Promise<void>;

/** A job as the queue writes it. */
export interface JobSpec {
  readonly name: string;
  readonly payload: object;
  readonly maxAttempts: number;
  /** Null: due now (the database's clock for graphile-worker, the app's for the embedded queue). */
  readonly runAt: Date | null;
  readonly jobKey: string | null;
}

/** Keys in QueryRunner.data: the transaction's jobs not written yet, and the buffer's length at each (sub)transaction start. */
const PENDING_JOBS = Symbol('jobs.pending');
const SAVEPOINT_MARKS = Symbol('jobs.savepoint-marks');

interface RunnerData {
  [PENDING_JOBS]?: JobSpec[];
  [SAVEPOINT_MARKS]?: number[];
}

/**
 * Enqueues jobs inside the caller's transaction, so a job exists exactly when
 * the state change that causes it commits. In a transaction, the jobs are
 * kept until it is about to commit and then written together in one
 * statement (a claim schedules its expiry and its reminder in one round
 * trip); a rolled-back transaction or savepoint drops its own. Outside a
 * transaction a job is written at once.
 */
export abstract class JobQueue {
  async enqueue<Payload extends object>(
    manager: EntityManager,
    job: JobDefinition<Payload>,
    payload: Payload,
    options: EnqueueOptions = {},
  ): Promise<void> {
    const spec: JobSpec = {
      name: job.name,
      payload,
      maxAttempts: job.maxAttempts,
      runAt: options.runAt ?? null,
      jobKey: options.jobKey ?? null,
    };
    const runner = manager.queryRunner;
    if (runner && !runner.isReleased && runner.isTransactionActive) {
      const data = runner.data as RunnerData;
      (data[PENDING_JOBS] ??= []).push(spec);
      this.enqueuedIn(runner);
      return;
    }
    await this.write(manager, [spec]);
  }

  /**
   * The transaction hooks that write the kept jobs; registered once on the
   * data source by the jobs module.
   */
  transactionHooks(): EntitySubscriberInterface {
    return {
      afterTransactionStart: ({ queryRunner }) => {
        const data = queryRunner.data as RunnerData;
        (data[SAVEPOINT_MARKS] ??= []).push(data[PENDING_JOBS]?.length ?? 0);
      },
      beforeTransactionCommit: async ({ queryRunner }) => {
        const data = queryRunner.data as RunnerData;
        const marks = data[SAVEPOINT_MARKS];
        // A released savepoint's jobs stay with the enclosing transaction.
        if (marks && marks.length > 1) return;
        const pending = data[PENDING_JOBS];
        if (pending?.length) await this.write(queryRunner.manager, latestPerKey(pending));
      },
      afterTransactionCommit: ({ queryRunner }) => {
        const data = queryRunner.data as RunnerData;
        data[SAVEPOINT_MARKS]?.pop();
        if (!data[SAVEPOINT_MARKS]?.length) forget(data);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        const data = queryRunner.data as RunnerData;
        const mark = data[SAVEPOINT_MARKS]?.pop() ?? 0;
        data[PENDING_JOBS]?.splice(mark);
        if (!data[SAVEPOINT_MARKS]?.length) forget(data);
      },
    };
  }

  /** Called when a job is kept for the commit of `runner`'s transaction. */
  protected enqueuedIn(runner: QueryRunner): void {
    void runner;
  }

  /** Writes jobs in one statement where the queue allows (at most one per job key). */
  protected abstract write(manager: EntityManager, jobs: readonly JobSpec[]): Promise<void>;
}

function forget(data: RunnerData): void {
  delete data[PENDING_JOBS];
  delete data[SAVEPOINT_MARKS];
}

/** The jobs in order, a key enqueued twice keeping only its latest job (the earlier would be replaced). */
export function latestPerKey(jobs: readonly JobSpec[]): JobSpec[] {
  const last = new Map<string, number>();
  jobs.forEach((job, i) => {
    if (job.jobKey !== null) last.set(job.jobKey, i);
  });
  return jobs.filter((job, i) => job.jobKey === null || last.get(job.jobKey) === i);
}

/** Something that takes due jobs off the queue and runs their handlers. */
export abstract class JobRunner {
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  /** Runs due jobs until none is left (tests and one-shot maintenance). */
  abstract drain(): Promise<number>;
}

/** Exponential backoff between attempts, capped at an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** Math.min(attempt, 12), 3600) * 1000;
}
