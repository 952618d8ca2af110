import { DomainError, ErrorCode } from '@splitwork/kernel';
import { StripeEventError } from '../payments.errors';
import { mapStripeEvent, StripeEventLike } from '../stripe-event-mapper';

function event(type: string, object: unknown, id = 'evt_1'): StripeEventLike {
  return { id, type, created: 1_767_225_600, data: { object } };
}

function errorOf(run: () => unknown): StripeEventError {
  try {
    run();
  } catch (error) {
    if (error instanceof StripeEventError) return error;
    throw error;
  }
  throw new Error('expected a StripeEventError');
}

const paymentIntent = {
  id: 'pi_1',
  object: 'payment_intent',
  amount: 11_500,
  amount_received: 11_500,
  currency: 'usd',
  metadata: { projectId: 'p1', ownerId: 'o1' },
  transfer_group: 'project_p1',
  last_payment_error: null,
};

describe('mapStripeEvent', () => {
  it('maps payment_intent.succeeded to FUNDING_SUCCEEDED with the received amount', () => {
    expect(mapStripeEvent(event('payment_intent.succeeded', paymentIntent))).toEqual({
      kind: 'FUNDING_SUCCEEDED',
      eventId: 'evt_1',
      paymentIntentId: 'pi_1',
      amountCents: 11_500,
      currency: 'USD',
      projectId: 'p1',
      metadata: { projectId: 'p1', ownerId: 'o1' },
    });
    expect(
      mapStripeEvent(
        event('payment_intent.succeeded', {
          ...paymentIntent,
          amount_received: undefined,
          amount: 900,
        }),
      ),
    ).toMatchObject({
      amountCents: 900,
    });
  });

  it('maps payment_intent.payment_failed to FUNDING_FAILED with the decline', () => {
    const failed = {
      ...paymentIntent,
      amount_received: 0,
      last_payment_error: {
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      },
    };
    expect(mapStripeEvent(event('payment_intent.payment_failed', failed))).toEqual({
      kind: 'FUNDING_FAILED',
      eventId: 'evt_1',
      paymentIntentId: 'pi_1',
      amountCents: 11_500,
      currency: 'USD',
      projectId: 'p1',
      failureCode: 'insufficient_funds',
      failureMessage: 'Your card has insufficient funds.',
    });
  });

  it('maps account.updated with capability and requirements', () => {
    const account = {
      id: 'acct_1',
      object: 'account',
      charges_enabled: false,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'pending', card_payments: 'inactive' },
      requirements: {
        currently_due: ['external_account', 'individual.id_number'],
        past_due: ['individual.id_number'],
        disabled_reason: 'requirements.pending_verification',
      },
    };
    expect(mapStripeEvent(event('account.updated', account))).toEqual({
      kind: 'ACCOUNT_UPDATED',
      eventId: 'evt_1',
      accountId: 'acct_1',
      payoutsEnabled: true,
      chargesEnabled: false,
      detailsSubmitted: true,
      transfersCapability: 'pending',
      requirementsDue: ['individual.id_number', 'external_account'],
      disabledReason: 'requirements.pending_verification',
    });
  });

  it('treats a missing or unknown transfers capability as inactive', () => {
    const bare = { id: 'acct_1', charges_enabled: false, payouts_enabled: false };
    expect(mapStripeEvent(event('account.updated', bare))).toMatchObject({
      transfersCapability: 'inactive',
      requirementsDue: [],
      detailsSubmitted: false,
      disabledReason: null,
    });
    expect(
      mapStripeEvent(
        event('account.updated', { ...bare, capabilities: { transfers: 'unrequested' } }),
      ),
    ).toMatchObject({ transfersCapability: 'inactive' });
  });

  it('maps transfer.reversed with the reversed amount and the reversal ids', () => {
    const transfer = {
      id: 'tr_1',
      object: 'transfer',
      amount: 10_000,
      amount_reversed: 10_000,
      currency: 'eur',
      destination: 'acct_1',
      transfer_group: 'project_p1',
      reversed: true,
      metadata: { payoutId: 'po1' },
      reversals: { object: 'list', data: [{ id: 'trr_1', amount: 10_000 }], has_more: false },
    };
    expect(mapStripeEvent(event('transfer.reversed', transfer))).toEqual({
      kind: 'TRANSFER_REVERSED',
      eventId: 'evt_1',
      transferId: 'tr_1',
      destination: 'acct_1',
      amountCents: 10_000,
      amountReversedCents: 10_000,
      currency: 'EUR',
      fullyReversed: true,
      transferGroup: 'project_p1',
      reversalIds: ['trr_1'],
      metadata: { payoutId: 'po1' },
    });
  });

  it('maps charge.refunded, with an expanded payment intent', () => {
    const charge = {
      id: 'ch_1',
      object: 'charge',
      amount: 11_500,
      amount_refunded: 4_000,
      currency: 'usd',
      payment_intent: { id: 'pi_1', object: 'payment_intent' },
      refunded: false,
      metadata: {},
      refunds: { data: [{ id: 're_1' }] },
    };
    expect(mapStripeEvent(event('charge.refunded', charge))).toEqual({
      kind: 'CHARGE_REFUNDED',
      eventId: 'evt_1',
      chargeId: 'ch_1',
      paymentIntentId: 'pi_1',
      amountCents: 11_500,
      amountRefundedCents: 4_000,
      currency: 'USD',
      fullyRefunded: false,
      refundIds: ['re_1'],
      metadata: {},
    });
  });

  it('ignores event types it does not handle', () => {
    expect(mapStripeEvent(event('customer.created', { id: 'cus_1' }, 'evt_9'))).toEqual({
      kind: 'IGNORED',
      eventId: 'evt_9',
      type: 'customer.created',
    });
  });

  it.each([
    [
      'payment_intent.succeeded',
      { ...paymentIntent, metadata: {} },
      'data.object.metadata.projectId',
    ],
    [
      'payment_intent.succeeded',
      { ...paymentIntent, amount_received: -1 },
      'data.object.amount_received',
    ],
    [
      'payment_intent.succeeded',
      { ...paymentIntent, amount_received: 10.5 },
      'data.object.amount_received',
    ],
    ['payment_intent.succeeded', { ...paymentIntent, currency: 'xyz' }, 'data.object.currency'],
    ['payment_intent.succeeded', { ...paymentIntent, id: 7 }, 'data.object.id'],
    [
      'payment_intent.succeeded',
      { ...paymentIntent, metadata: { projectId: 5 } },
      'data.object.metadata.projectId',
    ],
    [
      'account.updated',
      { id: 'acct_1', charges_enabled: 'yes', payouts_enabled: false },
      'data.object.charges_enabled',
    ],
    [
      'account.updated',
      {
        id: 'acct_1',
        charges_enabled: true,
        payouts_enabled: false,
        requirements: { currently_due: 'x' },
      },
      'data.object.requirements.currently_due',
    ],
    [
      'transfer.reversed',
      { id: 'tr_1', amount: 5, currency: 'usd', destination: 'acct_1', reversed: true },
      'data.object.amount_reversed',
    ],
    [
      'transfer.reversed',
      {
        id: 'tr_1',
        amount: 5,
        amount_reversed: 5,
        currency: 'usd',
        destination: 'acct_1',
        reversals: { data: [{}] },
      },
      'data.object.reversals.data[0].id',
    ],
    [
      'charge.refunded',
      { id: 'ch_1', amount: 5, amount_refunded: 5, currency: 'usd', payment_intent: 3 },
      'data.object.payment_intent',
    ],
    ['charge.refunded', 'not an object', 'data.object'],
    ['charge.refunded', null, 'data.object'],
  ])('refuses a malformed %s (%j) naming %s', (type, object, field) => {
    const error = errorOf(() => mapStripeEvent(event(type, object)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details).toEqual({ eventType: type, field });
  });

  it('refuses an event without id, type or data', () => {
    expect(
      errorOf(() =>
        mapStripeEvent({ id: 'evt_1', data: { object: {} } } as unknown as StripeEventLike),
      ).field,
    ).toBe('event.type');
    expect(
      errorOf(() =>
        mapStripeEvent({
          type: 'account.updated',
          data: { object: {} },
        } as unknown as StripeEventLike),
      ).field,
    ).toBe('event.id');
    expect(
      errorOf(() =>
        mapStripeEvent({ id: 'evt_1', type: 'account.updated' } as unknown as StripeEventLike),
      ).field,
    ).toBe('data');
    expect(errorOf(() => mapStripeEvent(null as unknown as StripeEventLike)).field).toBe('event');
  });
});
