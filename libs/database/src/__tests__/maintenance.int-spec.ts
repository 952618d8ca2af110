import type { DataSource } from 'typeorm';
import { maintenanceWarning } from '../maintenance';
import { openTestDataSource } from './test-data-source';

describe('maintenanceWarning', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDataSource('splitwork-maintenance-test');
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
