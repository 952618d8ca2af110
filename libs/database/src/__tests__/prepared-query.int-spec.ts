import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { preparedQuery } from '../prepared-query';

/**
 * Named statements outlive the connection that prepared them where every
 * connection shares one session (the embedded database's socket): the next
 * process asking for the same text must still get its rows.
 */
describe('preparedQuery', () => {
  const open = () =>
    new DataSource(
      dataSourceOptions({
        url: process.env.SPLITWORK_TEST_DATABASE_URL!,
        poolSize: 1,
        applicationName: 'splitwork-prepared-query-test',
      }),
    ).initialize();
  // Unique to this file, so no other test prepared it before.
  const text = `SELECT $1::int + 41 AS answer /* prepared-query.int-spec */`;

  it('answers the same text from a second data source after the first one closed', async () => {
    const first = await open();
    const once = await preparedQuery<{ answer: number }>(first, text, [1]);
    await first.destroy();
    const second = await open();
    try {
      const again = await preparedQuery<{ answer: number }>(second, text, [1]);
      const thrice = await preparedQuery<{ answer: number }>(second, text, [2]);
      expect([once, again, thrice]).toEqual([[{ answer: 42 }], [{ answer: 42 }], [{ answer: 43 }]]);
    } finally {
      await second.destroy();
    }
  });
});
