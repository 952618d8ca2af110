/** Webhook events: built and signed as Stripe signs them, and posted as Stripe delivers them. */
import Stripe from 'stripe';
import { newId, now } from './params';

export interface FakeStripeEvent {
  readonly id: string;
  readonly object: 'event';
  readonly api_version: string;
  readonly created: number;
  readonly type: string;
  readonly livemode: false;
  readonly pending_webhooks: number;
  readonly request: { readonly id: string | null; readonly idempotency_key: string | null };
  readonly data: { readonly object: unknown };
  /** The connected account, for Connect events. */
  readonly account?: string;
}

export interface SignedStripeEvent {
  readonly event: FakeStripeEvent;
  /** The raw body to post. */
  readonly payload: string;
  /** The `Stripe-Signature` header value. */
  readonly header: string;
}

export interface SignedEventOptions {
  readonly secret: string;
  /** Seconds since the epoch (default: now). Use an old one to script a stale event. */
  readonly timestamp?: number;
  readonly id?: string;
  readonly account?: string;
}

/**
 * A Stripe event around `object`, serialised and signed with `secret` the
 * way Stripe signs webhooks (offline, with the SDK's test header helper).
 */
export function signedEvent(
  type: string,
  object: unknown,
  options: SignedEventOptions,
): SignedStripeEvent {
  const timestamp = options.timestamp ?? now();
  const event: FakeStripeEvent = {
    id: options.id ?? newId('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: timestamp,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
    ...(options.account ? { account: options.account } : {}),
  };
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret,
    timestamp,
  });
  return { event, payload, header };
}

export interface PostedEvent {
  readonly status: number;
  readonly body: string;
}

/**
 * Posts a webhook as Stripe does: the raw payload as JSON with the
 * `Stripe-Signature` header (left out when `header` is null, to script an
 * unsigned delivery).
 */
export async function postEvent(
  url: string,
  signed: { readonly payload: string; readonly header: string | null },
  headers: Readonly<Record<string, string>> = {},
): Promise<PostedEvent> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      ...(signed.header === null ? {} : { 'stripe-signature': signed.header }),
      ...headers,
    },
    body: signed.payload,
  });
  return { status: response.status, body: await response.text() };
}
