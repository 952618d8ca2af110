import { openTestDataSource } from './test-data-source';
import { MAX_NAMED_STATEMENTS, preparedQuery } from '../prepared-query';

/**
 * Named statements outlive the connection that prepared them where every
 * connection shares one session (the embedded database's socket): the next
 * process asking for the same text must still get its rows.
 */
describe('preparedQuery', () => {
  const open = () => openTestDataSource('splitwork-prepared-query-test');
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

  it('names no more than MAX_NAMED_STATEMENTS texts and runs the others unnamed', async () => {
    const db = await open();
    try {
      const marker = 'prepared-query.int-spec bound';
      const texts = Array.from(
        { length: MAX_NAMED_STATEMENTS + 5 },
        (_, i) => `SELECT $1::int + ${i} AS answer /* ${marker} */`,
      );
      for (const [i, t] of texts.entries()) {
        expect(await preparedQuery<{ answer: number }>(db, t, [1])).toEqual([{ answer: i + 1 }]);
      }
      const prepared = await db.query<{ statement: string }[]>(
        `SELECT statement FROM pg_prepared_statements WHERE statement LIKE $1`,
        [`%${marker}%`],
      );
      expect(prepared.length).toBeGreaterThan(0);
      expect(prepared.length).toBeLessThanOrEqual(MAX_NAMED_STATEMENTS);
      expect(prepared.map((p) => p.statement)).not.toContain(texts[texts.length - 1]);
    } finally {
      await db.destroy();
    }
  });
});
