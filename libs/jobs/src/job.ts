import type { EntityManager } from 'typeorm';

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

/**
 * Enqueues jobs inside the caller's transaction, so a job exists exactly when
 * the state change that causes it commits.
 */
export abstract class JobQueue {
  abstract enqueue<Payload extends object>(
    manager: EntityManager,
    job: JobDefinition<Payload>,
    payload: Payload,
    options?: EnqueueOptions,
  ): Promise<void>;
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
