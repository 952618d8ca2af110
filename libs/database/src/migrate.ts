import { DataSource } from 'typeorm';

/** Any fixed number: the advisory lock that serialises migration runs across processes. */
const MIGRATION_LOCK = 72_101_964;

/**
 * Runs pending migrations while holding an advisory lock, so replicas that
 * start together do not race each other. Returns the names applied.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const extra = (dataSource.options as { extra?: { max?: number } }).extra;
  if (extra?.max === 1) {
    // One connection (embedded PostgreSQL): holding the lock on it would leave
    // none for the migrations, and nothing else can race on it anyway.
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
