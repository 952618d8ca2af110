import { DomainError } from '@splitwork/kernel';

export const PAYOUT_STATUSES = [
  'PENDING',
  'WAITING_FOR_ONBOARDING',
  'PAID',
  'FAILED_RETRYABLE',
  'FAILED_PERMANENT',
  'REVERSED',
] as const;

export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * A payout's state. `attempts` counts the transfer attempts that came back
 * (success or failure) since the payout was created or an admin last retried it.
 */
export type PayoutState =
  | { readonly status: 'PENDING'; readonly attempts: number }
  | {
      readonly status: 'WAITING_FOR_ONBOARDING';
      readonly attempts: number;
      /** Shown to the freelancer: what Stripe still needs. */
      readonly reason: string;
    }
  | { readonly status: 'PAID'; readonly attempts: number; readonly transferId: string }
  | {
      readonly status: 'FAILED_RETRYABLE' | 'FAILED_PERMANENT';
      readonly attempts: number;
      readonly reason: string;
      readonly code: string | null;
    }
  | {
      readonly status: 'REVERSED';
      readonly attempts: number;
      readonly transferId: string;
      /** Null when read back from a payout record: the reversal id is kept in the ledger. */
      readonly reversalId: string | null;
      readonly reason: string;
    };

export const PAYOUT_EVENT_KINDS = [
  'ONBOARDING_REQUIRED',
  'ONBOARDING_COMPLETED',
  'TRANSFER_SUCCEEDED',
  'TRANSFER_FAILED',
  'RETRY',
  'ADMIN_RETRY',
  'REVERSE',
] as const;

export type PayoutEventKind = (typeof PAYOUT_EVENT_KINDS)[number];

export type PayoutEvent =
  /**
   * The freelancer's transfers capability is not active: the payout waits.
   * `attempted` when a transfer attempt came back refused for that reason,
   * which counts as an attempt.
   */
  | { readonly kind: 'ONBOARDING_REQUIRED'; readonly reason: string; readonly attempted?: boolean }
  /** The capability became active (account.updated). */
  | { readonly kind: 'ONBOARDING_COMPLETED' }
  | { readonly kind: 'TRANSFER_SUCCEEDED'; readonly transferId: string }
  /** An attempt failed; `retryable` from `classifyProviderError`. */
  | {
      readonly kind: 'TRANSFER_FAILED';
      readonly retryable: boolean;
      readonly reason: string;
      readonly code?: string | null;
    }
  /** The backoff of a retryable failure is over. */
  | { readonly kind: 'RETRY' }
  /**
   * An admin retries a failed payout, or one waiting for onboarding (the job
   * checks the account again and the payout waits again if it still cannot
   * receive transfers); the attempt count starts again.
   */
  | { readonly kind: 'ADMIN_RETRY' }
  /** An admin reversed the transfer (dispute). */
  | { readonly kind: 'REVERSE'; readonly reversalId: string; readonly reason: string };

/**
 * Every allowed transition: from a status, on an event, to one of these
 * statuses. A transfer the provider confirms for the payout's idempotency key
 * settles the payout from any unpaid status: the money has moved, whatever a
 * concurrent attempt recorded meanwhile.
 */
export const PAYOUT_TRANSITIONS: Readonly<
  Record<PayoutStatus, Readonly<Partial<Record<PayoutEventKind, readonly PayoutStatus[]>>>>
> = {
  PENDING: {
    ONBOARDING_REQUIRED: ['WAITING_FOR_ONBOARDING'],
    TRANSFER_SUCCEEDED: ['PAID'],
    TRANSFER_FAILED: ['FAILED_RETRYABLE', 'FAILED_PERMANENT'],
  },
  WAITING_FOR_ONBOARDING: {
    ONBOARDING_COMPLETED: ['PENDING'],
    ADMIN_RETRY: ['PENDING'],
    TRANSFER_SUCCEEDED: ['PAID'],
  },
  FAILED_RETRYABLE: { RETRY: ['PENDING'], ADMIN_RETRY: ['PENDING'], TRANSFER_SUCCEEDED: ['PAID'] },
  FAILED_PERMANENT: { ADMIN_RETRY: ['PENDING'], TRANSFER_SUCCEEDED: ['PAID'] },
  PAID: { REVERSE: ['REVERSED'] },
  REVERSED: {},
};

export function canTransitionPayout(status: PayoutStatus, event: PayoutEventKind): boolean {
  return PAYOUT_TRANSITIONS[status][event] !== undefined;
}

/** A new payout: PENDING, or WAITING_FOR_ONBOARDING with the reason when transfers are blocked. */
export function initialPayoutState(onboardingBlockReason: string | null): PayoutState {
  return onboardingBlockReason === null
    ? { status: 'PENDING', attempts: 0 }
    : { status: 'WAITING_FOR_ONBOARDING', attempts: 0, reason: onboardingBlockReason };
}

/**
 * The next state of a payout, or INVALID_TRANSITION when the event is not
 * allowed in the current status (a duplicate success, a retry of a paid
 * payout, …): never a silent no-op.
 */
export function transitionPayout(state: PayoutState, event: PayoutEvent): PayoutState {
  if (!canTransitionPayout(state.status, event.kind)) {
    throw DomainError.invalidTransition(state.status, event.kind);
  }
  switch (event.kind) {
    case 'ONBOARDING_REQUIRED':
      return {
        status: 'WAITING_FOR_ONBOARDING',
        attempts: state.attempts + (event.attempted ? 1 : 0),
        reason: event.reason,
      };
    case 'ONBOARDING_COMPLETED':
    case 'RETRY':
      return { status: 'PENDING', attempts: state.attempts };
    case 'ADMIN_RETRY':
      return { status: 'PENDING', attempts: 0 };
    case 'TRANSFER_SUCCEEDED':
      return { status: 'PAID', attempts: state.attempts + 1, transferId: event.transferId };
    case 'TRANSFER_FAILED':
      return {
        status: event.retryable ? 'FAILED_RETRYABLE' : 'FAILED_PERMANENT',
        attempts: state.attempts + 1,
        reason: event.reason,
        code: event.code ?? null,
      };
    case 'REVERSE':
      if (state.status !== 'PAID') throw DomainError.invalidTransition(state.status, event.kind);
      return {
        status: 'REVERSED',
        attempts: state.attempts,
        transferId: state.transferId,
        reversalId: event.reversalId,
        reason: event.reason,
      };
  }
}

/**
 * The state a transfer attempt of the payout job starts from: a PENDING
 * payout as it is, a FAILED_RETRYABLE one after RETRY (its backoff is over);
 * null for any other status, which the job has nothing to send for (a
 * duplicate or stale job).
 */
export function beginPayoutAttempt(state: PayoutState): PayoutState | null {
  if (state.status === 'PENDING') return state;
  if (canTransitionPayout(state.status, 'RETRY')) return transitionPayout(state, { kind: 'RETRY' });
  return null;
}

export interface RetryBackoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { baseMs: 5_000, maxMs: 60 * 60_000 };

/** Exponential backoff before the next attempt, after `attempts` failed ones (no jitter). */
export function payoutRetryDelayMs(
  attempts: number,
  backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF,
): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
}

/** What a connected account's state says about transfers (see ACCOUNT_UPDATED). */
export interface ConnectedAccountStatus {
  readonly transfersCapability: 'active' | 'inactive' | 'pending';
  readonly requirementsDue: readonly string[];
}

/**
 * Why payouts to this account must wait, in words a freelancer can act on,
 * or null when transfers can be made (the transfers capability is active).
 */
export function onboardingBlockReason(account: ConnectedAccountStatus | null): string | null {
  if (account === null) return 'Stripe onboarding has not been started';
  if (account.transfersCapability === 'active') return null;
  const due =
    account.requirementsDue.length > 0
      ? `; Stripe still needs: ${account.requirementsDue.join(', ')}`
      : '';
  const state =
    account.transfersCapability === 'pending'
      ? 'Stripe is verifying the account'
      : 'Stripe onboarding is not complete';
  return `${state} (transfers capability ${account.transfersCapability})${due}`;
}
