import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Double-entry ledger. A transaction's entries must sum to zero per currency:
 * checked by a deferred constraint trigger at commit, so no code path (nor a
 * hand-written INSERT) can leave an unbalanced transaction behind. Entries
 * and transactions are immutable: corrections are new transactions.
 */
export class Ledger1764300000000 implements MigrationInterface {
  name = 'Ledger1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_transactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        reference text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, reference)
      )`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
        account text NOT NULL CHECK (length(account) BETWEEN 3 AND 200),
        amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id)`);
    await q.query(`CREATE INDEX ledger_entries_account_idx ON ledger_entries (account, currency)`);

    await q.query(`
      CREATE FUNCTION ledger_assert_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        unbalanced record;
      BEGIN
        SELECT currency, sum(amount_cents) AS total INTO unbalanced
          FROM ledger_entries WHERE transaction_id = NEW.transaction_id
          GROUP BY currency HAVING sum(amount_cents) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'ledger transaction % is unbalanced in %: entries sum to %',
            NEW.transaction_id, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;
        IF (SELECT count(*) FROM ledger_entries WHERE transaction_id = NEW.transaction_id) < 2 THEN
          RAISE EXCEPTION 'ledger transaction % needs at least two entries', NEW.transaction_id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER ledger_entries_balanced
        AFTER INSERT ON ledger_entries
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_assert_balanced()`);

    await q.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger rows are immutable: record a correcting transaction instead'
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
    await q.query(`
      CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP TABLE ledger_transactions`);
    await q.query(`DROP FUNCTION ledger_refuse_change()`);
    await q.query(`DROP FUNCTION ledger_assert_balanced()`);
  }
}
