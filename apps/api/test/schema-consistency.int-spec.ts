import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from './api-harness';

jest.setTimeout(120_000);

/**
 * The entities must describe exactly what the migrations create: TypeORM's
 * schema builder, asked what it would change on the migrated database, has
 * nothing to say. A column, index, constraint or default added on one side
 * only shows up here as a statement. Only `log()` is called: nothing is
 * synchronised on the shared test database.
 */
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
    if (statements.length > 0) {
      throw new Error(
        `The entities differ from the migrations; the schema builder would run:\n${statements.join(';\n')}`,
      );
    }
    expect(statements).toEqual([]);
  });
});
