import { DataSource } from 'typeorm';

/**
 * The warning for a database server that runs without autovacuum, else
 * undefined. Without it statistics stay as they were when each table was small,
 * and the plans cached on them keep their first shape while the tables grow.
 * graphile-worker's add_jobs, which every claim calls, keeps the sequential
 * scan of its job table that it planned while that table was nearly empty:
 * claims slow down with every job written, and dead task rows are never
 * reclaimed.
 */
export async function maintenanceWarning(dataSource: DataSource): Promise<string | undefined> {
  const [row] = await dataSource.query<{ autovacuum: string }[]>('SHOW autovacuum');
  if (row?.autovacuum !== 'off') return undefined;
  return (
    'autovacuum is off on this PostgreSQL server: table statistics go stale and dead rows pile up, ' +
    'so claims and the job queue slow down as tables grow. Turn it on (autovacuum = on), or ANALYZE ' +
    'and VACUUM the database on a schedule.'
  );
}
