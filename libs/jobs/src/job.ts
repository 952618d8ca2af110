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
   * replaces the pending job's payload and time.
   */
  jobKey?: string;
}

export interface JobContext {
  readonly jobId: string;
  readonly attempt: number;
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
