/** One item's outcome in a batch: its value, or the error that refused it alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
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

  constructor(
    private readonly run: (items: readonly In[]) => Promise<readonly Settled<Out>[]>,
    /** Items in one batch at most. */
    private readonly maxSize: number,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.startScheduled) return;
      this.startScheduled = true;
      // Items submitted in the same tick as this one join its batch.
      queueMicrotask(() => {
        this.startScheduled = false;
        this.startBatch();
      });
    });
  }

  private startBatch(): boolean {
    if (this.running || this.waiting.length === 0) return false;
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
    // When a next batch starts here, this one's answers wait for the next
    // turn of the event loop: their callers' work (rendering and sending
    // responses) would otherwise run first and hold back the next batch's
    // first round trip.
    if (this.startBatch()) setImmediate(answer);
    else answer();
  }
}
