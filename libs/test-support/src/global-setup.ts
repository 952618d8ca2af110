import './register-aliases';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  EMBEDDED_POOL_SIZE,
  EmbeddedPostgres,
  runMigrationsLocked,
} from '@splitwork/database';

declare global {
  var __SPLITWORK_EMBEDDED__: EmbeddedPostgres | undefined;
}

/**
 * Integration tests share one database: the PostgreSQL server named by
 * DATABASE_URL, or one embedded PGlite started here (in jest's parent
 * process; PGlite cannot start inside a jest worker). Migrations run once.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const embedded = new EmbeddedPostgres({ dataDir: 'memory://', maxConnections: 100 });
    url = await embedded.start();
    globalThis.__SPLITWORK_EMBEDDED__ = embedded;
    process.env.SPLITWORK_TEST_EMBEDDED = 'true';
  }
  process.env.SPLITWORK_TEST_DATABASE_URL = url;
  const dataSource = await new DataSource(
    dataSourceOptions({
      url,
      poolSize: process.env.SPLITWORK_TEST_EMBEDDED === 'true' ? EMBEDDED_POOL_SIZE : 2,
      applicationName: 'splitwork-test-setup',
    }),
  ).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
