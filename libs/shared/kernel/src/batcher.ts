/** One item's outcome in a batch: its value, or the error that refused it alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface BatcherOptions<In> {
  /** Items in one batch at most. */
  maxSize: number;
  /** Batches running at once at most. */
  maxRunning: number;
  /**
   * Items with the same key never run in two batches at once: an item whose
   * key is in a running batch waits for it (and the items after it keep
   * their order among themselves). Several items with one key may share a
   * batch.
   */
  keyOf: (item: In) => string;
}

interface Waiting<In, Out> {
  item: In;
  key: string;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for requests that each need a short transaction: items
 * submitted while batches are being written wait and go together in the
 * next one, so a burst of N requests costs a few batches instead of N
 * round-trip chains. A lone item starts at once (no timer, no added latency
 * when the system is idle).
 *
 * `run` answers each item of a batch, in order. When it throws, every item
 * of that batch fails with the error.
 */
export class Batcher<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  /** Keys of the items in running batches, with how many of them. */
  private readonly busy = new Map<string, number>();
  private running = 0;
  private startScheduled = false;

  constructor(
    private readonly run: (items: readonly In[]) => Promise<readonly Settled<Out>[]>,
    private readonly options: BatcherOptions<In>,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, key: this.options.keyOf(item), resolve, reject });
      if (this.startScheduled) return;
      this.startScheduled = true;
      // Items submitted in the same tick as this one join its batch.
      queueMicrotask(() => {
        this.startScheduled = false;
        this.startBatches();
      });
    });
  }

  private startBatches(): void {
    while (this.running < this.options.maxRunning) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.running++;
      void this.runBatch(batch);
    }
  }

  /** The next batch: waiting items in order, but none whose key a running batch holds. */
  private take(): Waiting<In, Out>[] {
    const batch: Waiting<In, Out>[] = [];
    const rest: Waiting<In, Out>[] = [];
    for (const w of this.waiting) {
      if (batch.length < this.options.maxSize && !this.busy.has(w.key)) batch.push(w);
      else rest.push(w);
    }
    this.waiting = rest;
    for (const w of batch) this.busy.set(w.key, (this.busy.get(w.key) ?? 0) + 1);
    return batch;
  }

  private async runBatch(batch: Waiting<In, Out>[]): Promise<void> {
    let outcomes: readonly Settled<Out>[] | undefined;
    let failure: unknown;
    try {
      outcomes = await this.run(batch.map((w) => w.item));
    } catch (error) {
      failure = error;
    }
    for (const w of batch) {
      const left = this.busy.get(w.key)! - 1;
      if (left === 0) this.busy.delete(w.key);
      else this.busy.set(w.key, left);
    }
    this.running--;
    const before = this.running;
    this.startBatches();
    const answer = () =>
      batch.forEach((w, i) => {
        const outcome = outcomes?.[i];
        if (outcome?.ok) w.resolve(outcome.value);
        else if (outcome) w.reject(outcome.error);
        else w.reject(outcomes ? new Error('The batch gave no answer for this item') : failure);
      });
    // When a next batch has just started, this one's answers wait for the
    // next turn of the event loop: their callers' work (rendering and
    // sending responses) would otherwise run first and hold back the next
    // batch's first round trip.
    if (this.running > before) setImmediate(answer);
    else answer();
  }
}
