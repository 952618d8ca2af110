import fc from 'fast-check';
import { DomainError, ErrorCode } from '@splitwork/kernel';
import {
  beginPayoutAttempt,
  canTransitionPayout,
  initialPayoutState,
  onboardingBlockReason,
  PAYOUT_EVENT_KINDS,
  PAYOUT_STATUSES,
  PAYOUT_TRANSITIONS,
  PayoutEvent,
  PayoutEventKind,
  PayoutState,
  PayoutStatus,
  payoutRetryDelayMs,
  transitionPayout,
} from '../payout-state';

/** One state of each status, as a payout would hold it. */
const STATE_OF: Record<PayoutStatus, PayoutState> = {
  PENDING: { status: 'PENDING', attempts: 1 },
  WAITING_FOR_ONBOARDING: { status: 'WAITING_FOR_ONBOARDING', attempts: 0, reason: 'needs bank' },
  PAID: { status: 'PAID', attempts: 2, transferId: 'tr_1' },
  FAILED_RETRYABLE: { status: 'FAILED_RETRYABLE', attempts: 1, reason: 'timeout', code: null },
  FAILED_PERMANENT: { status: 'FAILED_PERMANENT', attempts: 1, reason: 'declined', code: 'x' },
  REVERSED: {
    status: 'REVERSED',
    attempts: 2,
    transferId: 'tr_1',
    reversalId: 'trr_1',
    reason: 'dispute',
  },
};

/** Events of each kind; TRANSFER_FAILED twice, for both outcomes. */
const EVENTS_OF: Record<PayoutEventKind, PayoutEvent[]> = {
  ONBOARDING_REQUIRED: [{ kind: 'ONBOARDING_REQUIRED', reason: 'transfers capability inactive' }],
  ONBOARDING_COMPLETED: [{ kind: 'ONBOARDING_COMPLETED' }],
  TRANSFER_SUCCEEDED: [{ kind: 'TRANSFER_SUCCEEDED', transferId: 'tr_9' }],
  TRANSFER_FAILED: [
    { kind: 'TRANSFER_FAILED', retryable: true, reason: 'Provider error 503', code: null },
    { kind: 'TRANSFER_FAILED', retryable: false, reason: 'Provider refused', code: 'invalid' },
  ],
  RETRY: [{ kind: 'RETRY' }],
  ADMIN_RETRY: [{ kind: 'ADMIN_RETRY' }],
  REVERSE: [{ kind: 'REVERSE', reversalId: 'trr_9', reason: 'dispute' }],
};

/** The table written out as pairs, so a change to it shows here. */
const ALLOWED: readonly (readonly [PayoutStatus, PayoutEventKind, PayoutStatus])[] = [
  ['PENDING', 'ONBOARDING_REQUIRED', 'WAITING_FOR_ONBOARDING'],
  ['PENDING', 'TRANSFER_SUCCEEDED', 'PAID'],
  ['PENDING', 'TRANSFER_FAILED', 'FAILED_RETRYABLE'],
  ['PENDING', 'TRANSFER_FAILED', 'FAILED_PERMANENT'],
  ['WAITING_FOR_ONBOARDING', 'ONBOARDING_COMPLETED', 'PENDING'],
  ['WAITING_FOR_ONBOARDING', 'TRANSFER_SUCCEEDED', 'PAID'],
  ['WAITING_FOR_ONBOARDING', 'ADMIN_RETRY', 'PENDING'],
  ['FAILED_RETRYABLE', 'RETRY', 'PENDING'],
  ['FAILED_RETRYABLE', 'ADMIN_RETRY', 'PENDING'],
  ['FAILED_RETRYABLE', 'TRANSFER_SUCCEEDED', 'PAID'],
  ['FAILED_PERMANENT', 'ADMIN_RETRY', 'PENDING'],
  ['FAILED_PERMANENT', 'TRANSFER_SUCCEEDED', 'PAID'],
  ['PAID', 'REVERSE', 'REVERSED'],
];

describe('transitionPayout', () => {
  describe.each(PAYOUT_STATUSES.flatMap((s) => PAYOUT_EVENT_KINDS.map((e) => [s, e] as const)))(
    'from %s on %s',
    (status, kind) => {
      const allowed = ALLOWED.filter(([from, on]) => from === status && on === kind).map(
        ([, , to]) => to,
      );

      if (allowed.length === 0) {
        it('refuses with INVALID_TRANSITION', () => {
          expect(canTransitionPayout(status, kind)).toBe(false);
          for (const event of EVENTS_OF[kind]) {
            let thrown: unknown;
            try {
              transitionPayout(STATE_OF[status], event);
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(DomainError);
            expect(thrown).toMatchObject({
              code: ErrorCode.INVALID_TRANSITION,
              details: { from: status, action: kind },
            });
          }
        });
      } else {
        it(`moves to ${allowed.join(' or ')}`, () => {
          expect(canTransitionPayout(status, kind)).toBe(true);
          expect(PAYOUT_TRANSITIONS[status][kind]).toEqual(allowed);
          const reached = EVENTS_OF[kind].map(
            (event) => transitionPayout(STATE_OF[status], event).status,
          );
          expect([...new Set(reached)].sort()).toEqual([...allowed].sort());
        });
      }
    },
  );

  it('counts attempts and keeps the reason of a failure', () => {
    let state = initialPayoutState(null);
    state = transitionPayout(state, {
      kind: 'TRANSFER_FAILED',
      retryable: true,
      reason: 'No answer',
      code: 'ECONNRESET',
    });
    expect(state).toEqual({
      status: 'FAILED_RETRYABLE',
      attempts: 1,
      reason: 'No answer',
      code: 'ECONNRESET',
    });
    state = transitionPayout(state, { kind: 'RETRY' });
    state = transitionPayout(state, {
      kind: 'TRANSFER_FAILED',
      retryable: false,
      reason: 'Invalid destination',
    });
    expect(state).toEqual({
      status: 'FAILED_PERMANENT',
      attempts: 2,
      reason: 'Invalid destination',
      code: null,
    });
    state = transitionPayout(state, { kind: 'ADMIN_RETRY' });
    expect(state).toEqual({ status: 'PENDING', attempts: 0 });
    state = transitionPayout(state, { kind: 'TRANSFER_SUCCEEDED', transferId: 'tr_1' });
    expect(state).toEqual({ status: 'PAID', attempts: 1, transferId: 'tr_1' });
    state = transitionPayout(state, { kind: 'REVERSE', reversalId: 'trr_1', reason: 'dispute' });
    expect(state).toEqual({
      status: 'REVERSED',
      attempts: 1,
      transferId: 'tr_1',
      reversalId: 'trr_1',
      reason: 'dispute',
    });
  });

  it('refuses a second success: a paid payout is never paid again', () => {
    const paid = transitionPayout(initialPayoutState(null), {
      kind: 'TRANSFER_SUCCEEDED',
      transferId: 'tr_1',
    });
    expect(() =>
      transitionPayout(paid, { kind: 'TRANSFER_SUCCEEDED', transferId: 'tr_1' }),
    ).toThrow('Cannot TRANSFER_SUCCEEDED from state PAID');
  });

  it('starts a payout waiting for onboarding with the reason, and releases it once onboarded', () => {
    const waiting = initialPayoutState('Stripe onboarding is not complete');
    expect(waiting).toEqual({
      status: 'WAITING_FOR_ONBOARDING',
      attempts: 0,
      reason: 'Stripe onboarding is not complete',
    });
    expect(transitionPayout(waiting, { kind: 'ONBOARDING_COMPLETED' })).toEqual({
      status: 'PENDING',
      attempts: 0,
    });
  });

  it('only ever reaches a status of the table along any random event sequence', () => {
    const anyEvent = fc.constantFrom(...Object.values(EVENTS_OF).flat());
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        let state = initialPayoutState(null);
        for (const event of events) {
          const allowed = PAYOUT_TRANSITIONS[state.status][event.kind];
          if (!allowed) {
            expect(() => transitionPayout(state, event)).toThrow(DomainError);
            continue;
          }
          const next = transitionPayout(state, event);
          expect(allowed).toContain(next.status);
          state = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('beginPayoutAttempt', () => {
  it('starts an attempt from PENDING as is and from FAILED_RETRYABLE through RETRY', () => {
    expect(beginPayoutAttempt(STATE_OF.PENDING)).toBe(STATE_OF.PENDING);
    expect(beginPayoutAttempt(STATE_OF.FAILED_RETRYABLE)).toEqual({
      status: 'PENDING',
      attempts: 1,
    });
  });

  it('gives nothing to attempt for a payout waiting, failed for good, paid or reversed', () => {
    for (const status of [
      'WAITING_FOR_ONBOARDING',
      'FAILED_PERMANENT',
      'PAID',
      'REVERSED',
    ] as const) {
      expect(beginPayoutAttempt(STATE_OF[status])).toBeNull();
    }
  });

  it('counts a transfer refused for onboarding as an attempt, and a blocked one not', () => {
    const attempt = beginPayoutAttempt(STATE_OF.FAILED_RETRYABLE)!;
    const reason = 'transfers capability inactive';
    expect(transitionPayout(attempt, { kind: 'ONBOARDING_REQUIRED', reason })).toEqual({
      status: 'WAITING_FOR_ONBOARDING',
      attempts: 1,
      reason,
    });
    expect(
      transitionPayout(attempt, { kind: 'ONBOARDING_REQUIRED', reason, attempted: true }),
    ).toEqual({ status: 'WAITING_FOR_ONBOARDING', attempts: 2, reason });
  });
});

describe('payoutRetryDelayMs', () => {
  it('doubles from the base up to the cap', () => {
    const backoff = { baseMs: 1_000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 50].map((n) => payoutRetryDelayMs(n, backoff))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    expect(payoutRetryDelayMs(0, backoff)).toBe(1_000);
  });
});

describe('onboardingBlockReason', () => {
  it('is null only when the transfers capability is active', () => {
    expect(
      onboardingBlockReason({ transfersCapability: 'active', requirementsDue: [] }),
    ).toBeNull();
    expect(onboardingBlockReason(null)).toBe('Stripe onboarding has not been started');
    expect(
      onboardingBlockReason({
        transfersCapability: 'inactive',
        requirementsDue: ['external_account', 'tos_acceptance.date'],
      }),
    ).toBe(
      'Stripe onboarding is not complete (transfers capability inactive); Stripe still needs: external_account, tos_acceptance.date',
    );
    expect(onboardingBlockReason({ transfersCapability: 'pending', requirementsDue: [] })).toBe(
      'Stripe is verifying the account (transfers capability pending)',
    );
  });
});
