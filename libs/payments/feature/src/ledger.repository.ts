import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Currency } from '@splitwork/kernel';
import { assertBalanced, LedgerTransaction, ledgerAccountKey } from '@splitwork/payments-core';

export interface AccountBalanceRow {
  account: string;
  currency: Currency;
  balanceCents: number;
}

/** Writes balanced ledger transactions and reads balances; the database re-checks the balance at commit. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Posts a transaction in the caller's database transaction. Returns false,
   * writing nothing, when one with the same kind and reference exists: the
   * same business event never moves money twice.
   */
  async post(tx: LedgerTransaction, manager: EntityManager): Promise<boolean> {
    assertBalanced(tx);
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO ledger_transactions (kind, reference, metadata) VALUES ($1, $2, $3)
       ON CONFLICT (kind, reference) DO NOTHING RETURNING id`,
      [tx.kind, tx.reference, JSON.stringify(tx.metadata)],
    );
    const id = inserted[0]?.id;
    if (!id) return false;
    const values: unknown[] = [];
    const rows = tx.entries.map((e, i) => {
      values.push(ledgerAccountKey(e.account), e.amountCents, e.currency);
      return `($1, $${i * 3 + 2}, $${i * 3 + 3}, $${i * 3 + 4})`;
    });
    await manager.query(
      `INSERT INTO ledger_entries (transaction_id, account, amount_cents, currency) VALUES ${rows.join(', ')}`,
      [id, ...values],
    );
    return true;
  }

  /**
   * Serializes, until the caller's transaction ends, every writer that checks
   * these accounts' balances before posting (no two approvals may both see
   * the same escrow and overdraw it). Keys are locked in a fixed order.
   */
  async lockAccounts(accounts: readonly string[], manager: EntityManager): Promise<void> {
    for (const account of [...new Set(accounts)].sort()) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `ledger:${account}`,
      ]);
    }
  }

  /** Balances of the given accounts (keys from ledgerAccountKey), per currency. */
  async balances(
    accounts: readonly string[],
    manager?: EntityManager,
  ): Promise<AccountBalanceRow[]> {
    if (accounts.length === 0) return [];
    const rows = await (manager ?? this.dataSource).query<
      { account: string; currency: Currency; balance: string }[]
    >(
      `SELECT account, currency, sum(amount_cents) AS balance FROM ledger_entries
       WHERE account = ANY($1) GROUP BY account, currency ORDER BY account, currency`,
      [accounts],
    );
    return rows.map((r) => ({
      account: r.account,
      currency: r.currency,
      balanceCents: Number(r.balance),
    }));
  }

  /** Balances of every account belonging to the given owner ids (the part after ':'), per currency. */
  async balancesOfOwners(ownerIds: readonly string[]): Promise<AccountBalanceRow[]> {
    const rows = await this.dataSource.query<
      { account: string; currency: Currency; balance: string }[]
    >(
      `SELECT account, currency, sum(amount_cents) AS balance FROM ledger_entries
       WHERE split_part(account, ':', 2) = ANY($1) GROUP BY account, currency ORDER BY account, currency`,
      [ownerIds],
    );
    return rows.map((r) => ({
      account: r.account,
      currency: r.currency,
      balanceCents: Number(r.balance),
    }));
  }

  /** Sum of every entry per currency: zero whenever the ledger is consistent. */
  async totals(): Promise<{ currency: Currency; sumCents: number }[]> {
    const rows = await this.dataSource.query<{ currency: Currency; total: string }[]>(
      `SELECT currency, sum(amount_cents) AS total FROM ledger_entries GROUP BY currency`,
    );
    return rows.map((r) => ({ currency: r.currency, sumCents: Number(r.total) }));
  }
}
