import { createHash, randomBytes } from 'node:crypto';
import { Query } from 'pg';
import type { Pool, PoolClient, QueryResult, QueryResultRow, ResultBuilder } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `text` as a named (prepared) statement: each pooled connection parses
 * and plans it once, then only binds and executes it. The name is a hash of
 * the text, so the same text always gets the same statement and two texts
 * never share a name. Meant for the hot statements whose text comes from a
 * small set of shapes (the open-task feed, the claim's lock, state change
 * and job write), not for ad-hoc SQL. A client can still vary the shape
 * (each selection of fields is its own text), so only the first
 * MAX_NAMED_STATEMENTS texts are named; later ones run unnamed, and neither
 * this process, nor `pg` (per connection), nor PostgreSQL (per backend)
 * holds more prepared statements than that.
 *
 * With an EntityManager of a running transaction the statement runs on that
 * transaction's connection; otherwise on any pooled connection.
 */
export async function preparedQuery<Row extends QueryResultRow>(
  db: DataSource | EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const dataSource = db instanceof EntityManager ? db.connection : db;
  const name = oneSession.has(dataSource) ? undefined : statementName(text);
  const runner = db instanceof EntityManager ? db.queryRunner : undefined;
  if (runner && !runner.isReleased && runner.isTransactionActive) {
    const client = (await runner.connect()) as PoolClient;
    // A failed Parse would abort the transaction, so no name is tried that
    // another connection of a shared session could hold already: inside a
    // transaction the name is this connection's own.
    const own = name === undefined ? undefined : `${name}_${clientTag(client)}`;
    return new Promise<Row[]>((resolve, reject) => {
      client.query(
        statement<Row>(text, values, own, (error, result) =>
          error ? reject(error) : resolve(result.rows),
        ),
      );
    });
  }
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    return (await poolQuery<Row>(pool, statement<Row>(text, values, name))).rows;
  } catch (error) {
    // A session shared with other connections (a PGlite socket reached through
    // DATABASE_URL, a transaction-mode pooler) already holds the name: from now
    // on this data source sends its statements unnamed.
    if (name === undefined || (error as { code?: string }).code !== DUPLICATE_PREPARED_STATEMENT) {
      throw error;
    }
    sharesOneSession(dataSource);
    return (await poolQuery<Row>(pool, statement<Row>(text, values, undefined))).rows;
  }
}

/**
 * `text` as a pg Query named `name`, made from its text and values alone and
 * named afterwards: given a config object ({ name, text, values }), pg copies
 * it through its property descriptors on every query, about 5 µs, the
 * largest single cost of a one-row statement in pg.
 */
function statement<Row extends QueryResultRow>(
  text: string,
  values: readonly unknown[],
  name: string | undefined,
  callback?: (error: Error | undefined, result: ResultBuilder<Row>) => void,
): Query<Row> {
  const query = new Query<Row>(text, [...values], callback);
  (query as Query<Row> & { name?: string }).name = name;
  return query;
}

/**
 * pg-pool runs a Query as it runs a text: on a pooled connection, released
 * after it, the promise answering its result (its types say it answers the
 * Query itself).
 */
function poolQuery<Row extends QueryResultRow>(
  pool: Pool,
  query: Query<Row>,
): Promise<QueryResult<Row>> {
  return pool.query(query) as unknown as Promise<QueryResult<Row>>;
}

/** PostgreSQL's SQLSTATE for "prepared statement already exists". */
const DUPLICATE_PREPARED_STATEMENT = '42P05';

/**
 * Data sources whose connections all share one database session: the
 * embedded PostgreSQL (PGlite behind its socket) serves every connection,
 * of this process and of earlier ones on the same data, in one session, so a
 * name prepared on one connection already exists on the next and `pg`, which
 * tracks names per connection, would prepare it again and fail. Their
 * statements run unnamed (parsed each time).
 */
const oneSession = new WeakSet<DataSource>();

/** Marks `dataSource` as one shared session: `preparedQuery` sends its statements unnamed. */
export function sharesOneSession(dataSource: DataSource): void {
  oneSession.add(dataSource);
}

/** Distinct texts given a name; the feed's usual shapes are a few dozen. */
export const MAX_NAMED_STATEMENTS = 256;

const names = new Map<string, string>();

/** The statement name of `text`, or undefined once MAX_NAMED_STATEMENTS other texts have one. */
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED_STATEMENTS) {
    name = `sw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** Unique to one pg client of this process, and to this process among others on the same data. */
const clientTags = new WeakMap<PoolClient, string>();
const processTag = randomBytes(4).toString('hex');
let clients = 0;

function clientTag(client: PoolClient): string {
  let tag = clientTags.get(client);
  if (!tag) {
    tag = `${processTag}${(clients++).toString(36)}`;
    clientTags.set(client, tag);
  }
  return tag;
}
