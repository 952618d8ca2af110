import { Logger } from '@nestjs/common';

/**
 * How long a runner owns a job it took. While the job runs, the runner renews
 * the lease every `heartbeatMs`; a job whose lease ran out (its runner died or
 * stalled) is taken again by another runner, however long it legitimately runs.
 */
export interface JobLeaseOptions {
  readonly leaseMs: number;
  readonly heartbeatMs: number;
}

export const DEFAULT_JOB_LEASE: JobLeaseOptions = { leaseMs: 20_000, heartbeatMs: 5_000 };

/** How often the embedded runner looks for due jobs when nothing woke it. */
export const EMBEDDED_POLL_MS = 250;
/** How often graphile-worker looks for due jobs when no NOTIFY woke it. */
export const GRAPHILE_POLL_MS = 1_000;

/**
 * The longest a job of a dead runner waits before another runner takes it:
 * the lease, plus (graphile-worker) the sweep that unlocks a dead worker's
 * jobs, which runs every heartbeat, plus one poll.
 */
export function reclaimWithinMs(runner: 'embedded' | 'graphile', lease: JobLeaseOptions): number {
  return runner === 'embedded'
    ? lease.leaseMs + EMBEDDED_POLL_MS
    : lease.leaseMs + lease.heartbeatMs + GRAPHILE_POLL_MS;
}

/**
 * Calls `beat` every `intervalMs` while at least one job is in flight. A
 * failed beat is logged and retried at the next tick: the lease leaves room
 * for one missed beat.
 */
export class Heartbeat<Key, Value> {
  private readonly inFlight = new Map<Key, Value>();
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly intervalMs: number,
    private readonly beat: (inFlight: Value[]) => Promise<void>,
  ) {}

  add(key: Key, value: Value): void {
    this.inFlight.set(key, value);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  delete(key: Key): void {
    this.inFlight.delete(key);
    if (this.inFlight.size === 0) this.stop();
  }

  values(): Value[] {
    return [...this.inFlight.values()];
  }

  /** Stops beating: what is still in flight is left to lease expiry. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    // One beat at a time: on a busy connection a beat may wait behind a transaction.
    if (this.beating || this.inFlight.size === 0) return;
    this.beating = this.beat(this.values())
      .catch((error: unknown) => this.logger.warn({ err: error }, 'job heartbeat failed'))
      .finally(() => {
        this.beating = undefined;
      });
  }
}
