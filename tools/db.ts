import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { join } from 'node:path';
import { loadConfig } from '@splitwork/config';
import {
  dataSourceOptions,
  EMBEDDED_POOL_SIZE,
  EmbeddedPostgres,
  runMigrationsLocked,
} from '@splitwork/database';

/** `db migrate` applies pending migrations; `db revert` undoes the last one. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'migrate' && command !== 'revert') {
    throw new Error('usage: db migrate|revert');
  }
  const config = loadConfig();
  const embedded = config.usesEmbeddedDatabase
    ? new EmbeddedPostgres({ dataDir: join(config.SPLITWORK_DATA_DIR, 'pg') })
    : undefined;
  const url = config.DATABASE_URL ?? (await embedded!.start());
  const dataSource = await new DataSource(
    dataSourceOptions({
      url,
      poolSize: embedded ? EMBEDDED_POOL_SIZE : 2,
      applicationName: 'splitwork-db-tool',
    }),
  ).initialize();
  try {
    if (command === 'migrate') {
      const applied = await runMigrationsLocked(dataSource);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migration');
    } else {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
