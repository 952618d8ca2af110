import type { DataSource, EntityManager } from 'typeorm';
import { openTestDataSource } from './test-data-source';

/** The database itself refuses ledger writes that break double entry, whatever the code does. */
describe('ledger constraints in the database', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource('splitwork-ledger-test');
  });
  afterAll(() => dataSource?.destroy());

  async function writeTransaction(
    entries: [string, number, string][],
    then?: (m: EntityManager, id: string) => Promise<void>,
  ): Promise<string> {
    return dataSource.transaction(async (m) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO ledger_transactions (kind, reference) VALUES ('TEST', gen_random_uuid()::text) RETURNING id`,
      );
      for (const [account, amount, currency] of entries) {
        await m.query(
          `INSERT INTO ledger_entries (transaction_id, account, amount_cents, currency) VALUES ($1, $2, $3, $4)`,
          [id, account, amount, currency],
        );
      }
      await then?.(m, id);
      return id;
    });
  }

  const entriesOf = async (id: string) =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) AS n FROM ledger_entries WHERE transaction_id = $1`,
          [id],
        )
      )[0].n,
    );

  it('accepts a transaction balanced in each currency', async () => {
    const id = await writeTransaction([
      ['escrow:p1', 1000, 'USD'],
      ['funding:o1', -1000, 'USD'],
      ['escrow:p1', 500, 'EUR'],
      ['funding:o1', -500, 'EUR'],
    ]);
    expect(await entriesOf(id)).toBe(4);
  });

  it('refuses at commit a transaction that does not sum to zero', async () => {
    await expect(
      writeTransaction([
        ['escrow:p1', 1000, 'USD'],
        ['funding:o1', -999, 'USD'],
      ]),
    ).rejects.toThrow(/unbalanced/);
  });

  it('refuses a transaction balanced overall but not per currency', async () => {
    await expect(
      writeTransaction([
        ['escrow:p1', 1000, 'USD'],
        ['funding:o1', -1000, 'EUR'],
      ]),
    ).rejects.toThrow(/unbalanced/);
  });

  it('refuses a zero amount', async () => {
    await expect(writeTransaction([['escrow:p1', 0, 'USD']])).rejects.toThrow(/check/i);
  });

  it('refuses to update or delete entries and transactions', async () => {
    const id = await writeTransaction([
      ['escrow:p2', 700, 'USD'],
      ['funding:o2', -700, 'USD'],
    ]);
    await expect(
      dataSource.query(`UPDATE ledger_entries SET amount_cents = 1 WHERE transaction_id = $1`, [
        id,
      ]),
    ).rejects.toThrow(/immutable/);
    await expect(
      dataSource.query(`DELETE FROM ledger_entries WHERE transaction_id = $1`, [id]),
    ).rejects.toThrow(/immutable/);
    await expect(
      dataSource.query(`DELETE FROM ledger_transactions WHERE id = $1`, [id]),
    ).rejects.toThrow(/immutable/);
    expect(await entriesOf(id)).toBe(2);
  });
});
