import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { openTestDataSource } from './test-data-source';
import { TransactionAhead } from '../transaction-ahead';

describe('TransactionAhead', () => {
  const open = (poolSize: number) =>
    openTestDataSource('splitwork-transaction-ahead-test', poolSize);
  const pool = (db: DataSource) => (db.driver as PostgresDriver).master as Pool;
  /** Connections taken from the pool and not given back. */
  const inUse = (db: DataSource) => pool(db).totalCount - pool(db).idleCount;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  let db: DataSource;
  afterEach(async () => {
    await db?.destroy();
  });

  it('hands the transaction begun ahead to the next taker', async () => {
    db = await open(2);
    const ahead = new TransactionAhead(db, 10_000);
    ahead.open();
    // Time for the transaction to begin, even on a busy embedded database.
    await sleep(300);
    const takenAt = Date.now();
    const runner = await ahead.take();
    try {
      expect(runner.isTransactionActive).toBe(true);
      // now() is the start of the transaction: well before take() was called
      // (a transaction begun by take() would start after takenAt).
      const rows = (await runner.query('SELECT now() AS started')) as { started: Date }[];
      expect(new Date(rows[0].started).getTime()).toBeLessThan(takenAt - 100);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(inUse(db)).toBe(0);
  });

  it('begins a transaction of its own when nothing was begun ahead', async () => {
    db = await open(2);
    const ahead = new TransactionAhead(db, 10_000);
    const runner = await ahead.take();
    try {
      expect(runner.isTransactionActive).toBe(true);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });

  it('rolls back and gives the connection back when no taker comes in time', async () => {
    db = await open(2);
    const ahead = new TransactionAhead(db, 20);
    ahead.open();
    await sleep(5);
    expect(inUse(db)).toBe(1);
    await sleep(200);
    expect(inUse(db)).toBe(0);
    // The next taker begins afresh.
    const runner = await ahead.take();
    expect(runner.isTransactionActive).toBe(true);
    await runner.rollbackTransaction();
    await runner.release();
  });

  it('gives the connection back on close (shutdown), and begins nothing ahead after it', async () => {
    db = await open(2);
    const ahead = new TransactionAhead(db, 10_000);
    ahead.open();
    await sleep(5);
    expect(inUse(db)).toBe(1);
    await ahead.close();
    expect(inUse(db)).toBe(0);
    ahead.open();
    await sleep(20);
    expect(inUse(db)).toBe(0);
  });

  it('begins nothing ahead on a pool of one connection, which it would hold', async () => {
    db = await open(1);
    const ahead = new TransactionAhead(db, 10_000);
    ahead.open();
    await sleep(20);
    expect(inUse(db)).toBe(0);
  });
});
