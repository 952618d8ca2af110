import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { maintenanceWarning } from '../maintenance';

describe('maintenanceWarning', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await new DataSource(
      dataSourceOptions({
        url: process.env.SPLITWORK_TEST_DATABASE_URL!,
        poolSize: 1,
        applicationName: 'splitwork-maintenance-test',
      }),
    ).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("warns exactly when the server's autovacuum is off", async () => {
    const [{ autovacuum }] = await db.query<{ autovacuum: string }[]>('SHOW autovacuum');
    const warning = await maintenanceWarning(db);
    if (autovacuum === 'off') expect(warning).toMatch(/^autovacuum is off/);
    else expect(warning).toBeUndefined();
  });
});
