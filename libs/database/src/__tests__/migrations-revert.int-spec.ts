import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { MIGRATIONS } from '../migrations';
import { FreshDatabase, startFreshEmbeddedDatabase } from './fresh-embedded-database';

jest.setTimeout(120_000);

const embedded = process.env.SPLITWORK_TEST_EMBEDDED === 'true';

/** Every object the migrations could leave behind, outside PostgreSQL's own schemas. */
const SCHEMA_OBJECTS = `
  SELECT 'schema ' || nspname AS object FROM pg_namespace
   WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     AND nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'
  UNION ALL
  SELECT c.relkind::text || ' ' || n.nspname || '.' || c.relname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  UNION ALL
  SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  UNION ALL
  SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typrelid = 0
     AND t.typelem = 0
  UNION ALL
  SELECT 'extension ' || extname FROM pg_extension
  ORDER BY 1`;

/** TypeORM's record of applied migrations: the one thing that stays after reverting them all. */
const MIGRATIONS_TABLE = [
  'S public.migrations_id_seq',
  'i public.PK_8c82d7f526340ab734260ea46be',
  'r public.migrations',
];

/** A database of its own: a new in-memory embedded one, or a new database on the server. */
async function throwawayDatabase(): Promise<FreshDatabase> {
  if (embedded) return startFreshEmbeddedDatabase();
  const serverUrl = new URL(process.env.SPLITWORK_TEST_DATABASE_URL!);
  const name = `splitwork_migrations_${randomBytes(4).toString('hex')}`;
  const admin = await new DataSource({ type: 'postgres', url: serverUrl.href }).initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl.href);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    stop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

describe('migrations', () => {
  let database: FreshDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await throwawayDatabase();
    dataSource = await new DataSource(
      dataSourceOptions({
        url: database.url,
        poolSize: 1,
        applicationName: 'splitwork-migrations-test',
      }),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.stop();
  });

  const objects = async () =>
    (await dataSource.query<{ object: string }[]>(SCHEMA_OBJECTS)).map((r) => r.object);

  it('run up, revert one by one to an empty schema, and run up again', async () => {
    const before = await objects();

    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));

    for (let left = MIGRATIONS.length; left > 0; left--) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      const [{ n }] = await dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM migrations`,
      );
      expect(Number(n)).toBe(left - 1);
    }
    const reverted = (await objects()).filter((o) => !MIGRATIONS_TABLE.includes(o));
    expect(reverted).toEqual(before);

    const again = await dataSource.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(MIGRATIONS.length);
  });
});
