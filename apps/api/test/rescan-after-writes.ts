import { DataSource } from 'typeorm';

/**
 * Remembers an expensive picture of the database (a scan of every table)
 * for as long as PostgreSQL's transaction snapshot stays the same. A row is
 * inserted, updated or deleted only by a transaction that has been given an
 * id, and the snapshot (the oldest id still running, the next id, the ids
 * running) changes as soon as one is given out or ends: while it has not
 * changed, nothing has been written anywhere and the last picture still
 * holds. The snapshot is read before the scan, so a write during the scan
 * makes the next call scan again.
 */
export function rescanAfterWrites<T>(
  dataSource: DataSource,
  scan: () => Promise<T>,
): () => Promise<T> {
  let last: { snapshot: string; picture: T } | undefined;
  return async () => {
    const [{ snapshot }] = await dataSource.query<{ snapshot: string }[]>(
      `SELECT pg_current_snapshot()::text AS snapshot`,
    );
    if (last?.snapshot !== snapshot) last = { snapshot, picture: await scan() };
    return last.picture;
  };
}
