import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A transaction begun before its work is known, for a caller that runs short
 * transactions one after another under load (the batches of claims): while
 * the next batch gathers, its START TRANSACTION round trip is already done.
 * The next `take` gets it; when none comes within `idleMs`, it is rolled back
 * and its connection released.
 *
 * Nothing is begun ahead on a pool of one connection (the embedded
 * database), where it would hold the only connection.
 */
export class TransactionAhead {
  private ahead?: { ready: Promise<QueryRunner | undefined>; timer: NodeJS.Timeout };
  /** False on a pool of one connection, and once closed. */
  private enabled: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly idleMs: number,
  ) {
    const extra = (dataSource.options as { extra?: { max?: number } }).extra;
    this.enabled = (extra?.max ?? 10) > 1;
  }

  /** Begins the next transaction now, unless one is begun already. */
  open(): void {
    if (!this.enabled || this.ahead) return;
    // A start that fails is forgotten: the next `take` begins its own and meets the error.
    const ready = this.begin().catch(() => undefined);
    const timer = setTimeout(() => {
      this.discard().catch(() => undefined);
    }, this.idleMs);
    // Never what keeps a process alive.
    timer.unref();
    this.ahead = { ready, timer };
  }

  /**
   * A QueryRunner in a new transaction: the one begun ahead, or one begun
   * now. The caller commits or rolls it back, then releases it.
   */
  async take(): Promise<QueryRunner> {
    const ahead = this.ahead;
    if (ahead) {
      this.ahead = undefined;
      clearTimeout(ahead.timer);
      const runner = await ahead.ready;
      if (runner) return runner;
    }
    return this.begin();
  }

  /** Shutting down: the transaction begun ahead is rolled back, and none is begun again. */
  async close(): Promise<void> {
    this.enabled = false;
    await this.discard();
  }

  /** Rolls back and releases the transaction begun ahead, if there is one. */
  private async discard(): Promise<void> {
    const ahead = this.ahead;
    if (!ahead) return;
    this.ahead = undefined;
    clearTimeout(ahead.timer);
    const runner = await ahead.ready;
    if (!runner) return;
    try {
      await runner.rollbackTransaction();
    } catch {
      // Only a lost connection fails to roll back; pg's pool drops it.
    } finally {
      await runner.release();
    }
  }

  private async begin(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      return runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }
}
