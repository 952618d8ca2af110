/** One item's outcome in a batch: its value, or the error that refused it alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  /** Items in one batch at most. */
  maxSize: number;
  /**
   * After a batch of several items, how long the next batch may wait for the
   * callers that batch has just answered (0: it starts at once). Under load
   * they come back with their next items a moment later; the next batch
   * starts as soon as as many items as the last batch had have joined those
   * already waiting, or when the wait is over. A batch of 2N costs little
   * more than a batch of N: PostgreSQL's commit_delay, for whole
   * transactions. After a lone item nothing waits, so an idle system adds no
   * latency.
   */
  lingerMs?: number;
}

/**
 * Group commit for requests that each need a short transaction: items
 * submitted while a batch is being written wait and go together in the next
 * one, so a burst of N requests costs a few batches instead of N round-trip
 * chains. One batch runs at a time, so a batch sees everything the batches
 * before it wrote. A lone item starts at once (no timer, no added latency
 * when the system is idle).
 *
 * `run` answers each item of a batch, in order. When it throws, every item
 * of that batch fails with the error.
 */
export class Batcher<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private running = false;
  private startScheduled = false;
  /** After a batch of several: how many waiting items start the next one, until the timer ends the wait. */
  private gathering?: { size: number; timer: NodeJS.Timeout };
  private readonly maxSize: number;
  private readonly lingerMs: number;

  constructor(
    private readonly run: (items: readonly In[]) => Promise<readonly Settled<Out>[]>,
    options: BatcherOptions,
  ) {
    this.maxSize = options.maxSize;
    this.lingerMs = options.lingerMs ?? 0;
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.gathering && this.waiting.length >= this.gathering.size) this.stopGathering();
      if (this.startScheduled) return;
      this.startScheduled = true;
      // Items submitted in the same tick as this one join its batch.
      queueMicrotask(() => {
        this.startScheduled = false;
        this.startBatch();
      });
    });
  }

  private stopGathering(): void {
    clearTimeout(this.gathering?.timer);
    this.gathering = undefined;
  }

  private startBatch(): boolean {
    if (this.running || this.gathering || this.waiting.length === 0) return false;
    this.running = true;
    void this.runBatch(this.waiting.splice(0, this.maxSize));
    return true;
  }

  private async runBatch(batch: Waiting<In, Out>[]): Promise<void> {
    let outcomes: readonly Settled<Out>[] | undefined;
    let failure: unknown;
    try {
      outcomes = await this.run(batch.map((w) => w.item));
    } catch (error) {
      failure = error;
    }
    this.running = false;
    const answer = () =>
      batch.forEach((w, i) => {
        const outcome = outcomes?.[i];
        if (outcome?.ok) w.resolve(outcome.value);
        else if (outcome) w.reject(outcome.error);
        else w.reject(outcomes ? new Error('The batch gave no answer for this item') : failure);
      });
    // Those just answered usually come back: wait for as many more as they were.
    const expected = Math.min(this.maxSize, this.waiting.length + batch.length);
    if (this.lingerMs > 0 && batch.length > 1 && this.waiting.length < expected) {
      const timer = setTimeout(() => {
        this.gathering = undefined;
        this.startBatch();
      }, this.lingerMs);
      // The wait alone never keeps a process alive: waiting items have callers of their own.
      timer.unref();
      this.gathering = { size: expected, timer };
      answer();
      return;
    }
    // When a next batch starts here, this one's answers wait for the next
    // turn of the event loop: their callers' work (rendering and sending
    // responses) would otherwise run first and hold back the next batch's
    // first round trip.
    if (this.startBatch()) setImmediate(answer);
    else answer();
  }
}
