import { DomainError } from '@splitwork/kernel';

/**
 * The kinds of ledger account. Each account is one kind plus the id of what
 * it belongs to:
 *
 * | kind               | owner id          | holds                                                  |
 * |--------------------|-------------------|--------------------------------------------------------|
 * | OWNER_FUNDING      | owner's user id   | source: what the owner paid in (balance ≤ 0)           |
 * | PROJECT_ESCROW     | project id        | funded money not yet earned by anyone (balance ≥ 0)    |
 * | FREELANCER_PAYABLE | freelancer's id   | earned by the freelancer, not yet transferred (≥ 0)    |
 * | PLATFORM_FEES      | 'platform'        | fees the platform has earned (≥ 0)                     |
 * | REVIEWER_FEES      | reviewer's id     | fees a reviewer has earned (≥ 0)                       |
 * | OWNER_REFUNDS      | owner's user id   | sink: escrow sent back to the owner (≥ 0)              |
 * | STRIPE_CLEARING    | 'platform'        | sink: money that left through Stripe transfers (≥ 0)   |
 */
export const LEDGER_ACCOUNT_KINDS = [
  'OWNER_FUNDING',
  'PROJECT_ESCROW',
  'FREELANCER_PAYABLE',
  'PLATFORM_FEES',
  'REVIEWER_FEES',
  'OWNER_REFUNDS',
  'STRIPE_CLEARING',
] as const;

export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

/** The owner id of the platform-wide accounts (fees, Stripe clearing). */
export const PLATFORM_ACCOUNT_OWNER = 'platform';

export interface LedgerAccount {
  readonly kind: LedgerAccountKind;
  /** Project id, user id, or `PLATFORM_ACCOUNT_OWNER`, depending on the kind. */
  readonly ownerId: string;
}

export function isLedgerAccountKind(value: string): value is LedgerAccountKind {
  return (LEDGER_ACCOUNT_KINDS as readonly string[]).includes(value);
}

function account(kind: LedgerAccountKind, ownerId: string): LedgerAccount {
  if (ownerId.trim() === '' || ownerId.includes(':')) {
    throw DomainError.badInput(`Invalid owner id "${ownerId}" for a ${kind} account`, {
      kind,
      ownerId,
    });
  }
  return { kind, ownerId };
}

export function ownerFundingAccount(ownerId: string): LedgerAccount {
  return account('OWNER_FUNDING', ownerId);
}

export function projectEscrowAccount(projectId: string): LedgerAccount {
  return account('PROJECT_ESCROW', projectId);
}

export function freelancerPayableAccount(freelancerId: string): LedgerAccount {
  return account('FREELANCER_PAYABLE', freelancerId);
}

export function platformFeesAccount(): LedgerAccount {
  return account('PLATFORM_FEES', PLATFORM_ACCOUNT_OWNER);
}

export function reviewerFeesAccount(reviewerId: string): LedgerAccount {
  return account('REVIEWER_FEES', reviewerId);
}

export function ownerRefundsAccount(ownerId: string): LedgerAccount {
  return account('OWNER_REFUNDS', ownerId);
}

export function stripeClearingAccount(): LedgerAccount {
  return account('STRIPE_CLEARING', PLATFORM_ACCOUNT_OWNER);
}

/** A stable string key for an account, `KIND:ownerId` (owner ids never contain ':'). */
export function ledgerAccountKey(value: LedgerAccount): string {
  return `${value.kind}:${value.ownerId}`;
}

/** The account named by `ledgerAccountKey`. */
export function parseLedgerAccountKey(key: string): LedgerAccount {
  const separator = key.indexOf(':');
  const kind = separator < 0 ? '' : key.slice(0, separator);
  if (!isLedgerAccountKind(kind)) {
    throw DomainError.badInput(`Invalid ledger account key "${key}"`, { key });
  }
  return account(kind, key.slice(separator + 1));
}

export function sameLedgerAccount(a: LedgerAccount, b: LedgerAccount): boolean {
  return a.kind === b.kind && a.ownerId === b.ownerId;
}
