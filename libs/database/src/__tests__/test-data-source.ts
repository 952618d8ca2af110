import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';

/** A data source on the test pass's database (embedded or server), initialized. */
export function openTestDataSource(applicationName: string, poolSize = 1): Promise<DataSource> {
  return new DataSource(
    dataSourceOptions({
      url: process.env.SPLITWORK_TEST_DATABASE_URL!,
      poolSize,
      applicationName,
    }),
  ).initialize();
}
