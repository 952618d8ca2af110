import { PayoutRecord, payoutRecordUpdate, payoutStateOf } from '../payout-record';
import { PAYOUT_STATUSES, PayoutState } from '../payout-state';

const RECORD: PayoutRecord = {
  status: 'PENDING',
  attempts: 2,
  blockedReason: null,
  failureReason: null,
  transferId: null,
};

describe('payoutStateOf / payoutRecordUpdate', () => {
  it('reads back every status the way it was written', () => {
    const states: PayoutState[] = [
      { status: 'PENDING', attempts: 2 },
      { status: 'WAITING_FOR_ONBOARDING', attempts: 2, reason: 'needs bank' },
      { status: 'PAID', attempts: 3, transferId: 'tr_1' },
      { status: 'FAILED_RETRYABLE', attempts: 1, reason: 'timeout', code: null },
      { status: 'FAILED_PERMANENT', attempts: 1, reason: 'declined', code: null },
      {
        status: 'REVERSED',
        attempts: 3,
        transferId: 'tr_1',
        reversalId: null,
        reason: 'dispute',
      },
    ];
    expect(states.map((s) => s.status).sort()).toEqual([...PAYOUT_STATUSES].sort());
    for (const state of states) {
      expect(payoutStateOf({ ...RECORD, ...payoutRecordUpdate(state) })).toEqual(state);
    }
  });

  it('keeps the last failure reason when a payout goes back to PENDING, and clears the block', () => {
    const failed = { ...RECORD, status: 'FAILED_PERMANENT' as const, failureReason: 'declined' };
    const update = payoutRecordUpdate({ status: 'PENDING', attempts: 0 });
    expect(update).toEqual({ status: 'PENDING', attempts: 0, blockedReason: null });
    expect({ ...failed, ...update }.failureReason).toBe('declined');
  });

  it('clears the reasons once paid and keeps the transfer', () => {
    expect(payoutRecordUpdate({ status: 'PAID', attempts: 1, transferId: 'tr_9' })).toEqual({
      status: 'PAID',
      attempts: 1,
      transferId: 'tr_9',
      blockedReason: null,
      failureReason: null,
    });
  });
});
