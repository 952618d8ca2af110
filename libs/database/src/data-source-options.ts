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
    logging: false,
    extra: {
      max: settings.poolSize,
      application_name: settings.applicationName,
      connectionTimeoutMillis: 10_000,
    },
  };
}
