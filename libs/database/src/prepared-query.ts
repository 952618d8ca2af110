import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `text` as a named (prepared) statement: each pooled connection parses
 * and plans it once, then only binds and executes it. The name is a hash of
 * the text, so the same text always gets the same statement and two texts
 * never share a name. Meant for the hot reads whose text comes from a small,
 * bounded set of shapes (the open-task feed), not for ad-hoc SQL.
 *
 * With an EntityManager of a running transaction the statement runs on that
 * transaction's connection; otherwise on any pooled connection.
 */
export async function preparedQuery<Row extends QueryResultRow>(
  db: DataSource | EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const query = { name: statementName(text), text, values: [...values] };
  const runner = db instanceof EntityManager ? db.queryRunner : undefined;
  if (runner && !runner.isReleased && runner.isTransactionActive) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<Row>(query)).rows;
  }
  const dataSource = db instanceof EntityManager ? db.connection : db;
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query<Row>(query)).rows;
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `sw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}
