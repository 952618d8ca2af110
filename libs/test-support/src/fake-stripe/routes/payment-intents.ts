import { randomBytes } from 'node:crypto';
import { noSuch } from '../api-error';
import type { FakeCharge, FakePaymentIntent } from '../objects';
import { amountField, clone, currencyField, field, metadataField, newId, now } from '../params';
import type { Router } from '../router';
import type { FakeStripeStore } from '../store';

/** POST /v1/payment_intents, GET /v1/payment_intents/:id. */
export function paymentIntentRoutes(router: Router, store: FakeStripeStore): void {
  router.route('POST', '/v1/payment_intents', ({ body }) => {
    const amount = amountField(body, 'amount', true);
    const currency = currencyField(body);
    const id = newId('pi');
    const intent: FakePaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
      metadata: metadataField(body),
      transfer_group: field(body, 'transfer_group'),
      latest_charge: null,
      last_payment_error: null,
      created: now(),
      livemode: false,
    };
    store.paymentIntents.set(id, intent);
    return { status: 200, body: clone(intent) };
  });
  router.route('GET', '/v1/payment_intents/:id', ({ params }) => {
    const intent = store.paymentIntents.get(params.id);
    if (!intent) throw noSuch('payment_intent', params.id, 'intent');
    return { status: 200, body: clone(intent) };
  });
}

function intentOf(store: FakeStripeStore, paymentIntentId: string): FakePaymentIntent {
  const intent = store.paymentIntents.get(paymentIntentId);
  if (!intent) throw new Error(`FakeStripeServer: no payment intent ${paymentIntentId}`);
  return intent;
}

/** The payment succeeds (as if the client confirmed it): a charge is made once. */
export function succeedPaymentIntent(
  store: FakeStripeStore,
  paymentIntentId: string,
): FakePaymentIntent {
  const intent = intentOf(store, paymentIntentId);
  if (intent.status !== 'succeeded') {
    const charge: FakeCharge = {
      id: newId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      payment_intent: intent.id,
      refunded: false,
      metadata: { ...intent.metadata },
      transfer_group: intent.transfer_group,
      created: now(),
      livemode: false,
    };
    store.charges.set(charge.id, charge);
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = charge.id;
    intent.last_payment_error = null;
  }
  return clone(intent);
}

/** The payment attempt fails with a card error. */
export function failPaymentIntent(
  store: FakeStripeStore,
  paymentIntentId: string,
  error: { code?: string; message?: string },
): FakePaymentIntent {
  const intent = intentOf(store, paymentIntentId);
  intent.status = 'requires_payment_method';
  intent.last_payment_error = {
    type: 'card_error',
    code: error.code ?? 'card_declined',
    message: error.message ?? 'Your card was declined.',
  };
  return clone(intent);
}
