import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from './api-harness';

jest.setTimeout(120_000);

describe('entities and migrations', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('describe the same schema: the schema builder has nothing to change on the migrated database', async () => {
    const dataSource = api.app.get(DataSource);
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    const statements = upQueries.map((q) => q.query);
    if (statements.length > 0) console.log(statements.join(';\n'));
    expect(statements).toEqual([]);
  });
});
