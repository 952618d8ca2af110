import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface ConnectionSettings {
  url: string;
  poolSize: number;
  /** A name for the connection in pg_stat_activity. */
  applicationName: string;
}

/** The one place the TypeORM options are built: app, worker, CLI and tests share it. */
export function dataSourceOptions(settings: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // TypeORM's own loggers print bound parameters: off. Failing statements reach the
    // logs only as errors, whose serializer drops the values (log-redaction.ts).
    logging: false,
    extra: {
      max: settings.poolSize,
      application_name: settings.applicationName,
      connectionTimeoutMillis: 10_000,
    },
  };
}
