import type { DataSource } from 'typeorm';
import { maintenanceWarning } from '../maintenance';

/** A data source whose server answers `SHOW autovacuum` with `setting`. */
const serverWith = (setting: string) =>
  ({ query: async () => [{ autovacuum: setting }] }) as unknown as DataSource;

describe('maintenanceWarning', () => {
  it('is silent when autovacuum is on', async () => {
    expect(await maintenanceWarning(serverWith('on'))).toBeUndefined();
  });

  it('says what to do when autovacuum is off', async () => {
    expect(await maintenanceWarning(serverWith('off'))).toMatch(/autovacuum = on.*ANALYZE/);
  });
});
