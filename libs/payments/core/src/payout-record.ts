import { PayoutState, PayoutStatus } from './payout-state';

/** The stored columns of a payout that hold its state. */
export interface PayoutRecord {
  readonly status: PayoutStatus;
  readonly attempts: number;
  /** Why the payout waits for onboarding. */
  readonly blockedReason: string | null;
  /** Why the last attempt failed, or why the payout was reversed. */
  readonly failureReason: string | null;
  readonly transferId: string | null;
}

/** The state machine's view of a stored payout. */
export function payoutStateOf(record: PayoutRecord): PayoutState {
  const { attempts } = record;
  switch (record.status) {
    case 'PENDING':
      return { status: 'PENDING', attempts };
    case 'WAITING_FOR_ONBOARDING':
      return { status: 'WAITING_FOR_ONBOARDING', attempts, reason: record.blockedReason ?? '' };
    case 'PAID':
      return { status: 'PAID', attempts, transferId: record.transferId ?? '' };
    case 'FAILED_RETRYABLE':
    case 'FAILED_PERMANENT':
      return { status: record.status, attempts, reason: record.failureReason ?? '', code: null };
    case 'REVERSED':
      return {
        status: 'REVERSED',
        attempts,
        transferId: record.transferId ?? '',
        reversalId: null,
        reason: record.failureReason ?? '',
      };
  }
}

/**
 * The columns to write for a new state. A payout going back to PENDING keeps
 * its last failure reason, so an admin still sees why it had failed.
 */
export function payoutRecordUpdate(state: PayoutState): Partial<PayoutRecord> {
  const { status, attempts } = state;
  switch (state.status) {
    case 'PENDING':
      return { status, attempts, blockedReason: null };
    case 'WAITING_FOR_ONBOARDING':
      return { status, attempts, blockedReason: state.reason };
    case 'PAID':
      return {
        status,
        attempts,
        transferId: state.transferId,
        blockedReason: null,
        failureReason: null,
      };
    case 'FAILED_RETRYABLE':
    case 'FAILED_PERMANENT':
      return { status, attempts, blockedReason: null, failureReason: state.reason };
    case 'REVERSED':
      return { status, attempts, transferId: state.transferId, failureReason: state.reason };
  }
}
