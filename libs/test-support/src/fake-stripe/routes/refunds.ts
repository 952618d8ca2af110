import { invalid, missing, noSuch } from '../api-error';
import type { FakeCharge, FakeRefund } from '../objects';
import { amountField, clone, field, metadataField, newId, now } from '../params';
import type { Router } from '../router';
import type { FakeStripeStore } from '../store';

/** POST /v1/refunds of a payment intent's charge (or a charge), up to what is left on it. */
export function refundRoutes(router: Router, store: FakeStripeStore): void {
  router.route('POST', '/v1/refunds', ({ body }) => {
    const intentId = field(body, 'payment_intent');
    const chargeId = field(body, 'charge');
    let charge: FakeCharge | undefined;
    if (intentId !== null) {
      const intent = store.paymentIntents.get(intentId);
      if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent', 400);
      if (intent.latest_charge === null) {
        throw invalid(
          'payment_intent_unexpected_state',
          `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
          'payment_intent',
        );
      }
      charge = store.charges.get(intent.latest_charge);
    } else if (chargeId !== null) {
      charge = store.charges.get(chargeId);
      if (!charge) throw noSuch('charge', chargeId, 'charge', 400);
    } else {
      throw missing('payment_intent');
    }
    if (!charge) throw noSuch('charge', String(chargeId), 'charge', 400);
    const left = charge.amount - charge.amount_refunded;
    if (left === 0) {
      throw invalid('charge_already_refunded', `Charge ${charge.id} has already been refunded.`);
    }
    const amount = amountField(body, 'amount', false) ?? left;
    if (amount > left) {
      throw invalid(
        'amount_too_large',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
        'amount',
      );
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refund: FakeRefund = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: 'succeeded',
      reason: field(body, 'reason'),
      metadata: metadataField(body),
      created: now(),
    };
    store.refunds.push(refund);
    return { status: 200, body: clone(refund) };
  });
}
