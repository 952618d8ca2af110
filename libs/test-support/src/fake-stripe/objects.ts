/** The Stripe objects the fake keeps: only the fields it needs, in Stripe's wire shape. */

export type StripeMetadata = Record<string, string>;

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'requires_payment_method' | 'succeeded' | 'canceled';
  client_secret: string;
  metadata: StripeMetadata;
  transfer_group: string | null;
  latest_charge: string | null;
  last_payment_error: { code: string; message: string; type: string } | null;
  created: number;
  livemode: false;
}

export interface FakeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string;
  refunded: boolean;
  metadata: StripeMetadata;
  transfer_group: string | null;
  created: number;
  livemode: false;
}

export type CapabilityStatus = 'active' | 'inactive' | 'pending';

export interface FakeAccount {
  id: string;
  object: 'account';
  type: string;
  country: string;
  email: string | null;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: Record<string, CapabilityStatus>;
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    disabled_reason: string | null;
  };
  metadata: StripeMetadata;
  created: number;
}

export interface FakeAccountLink {
  object: 'account_link';
  account: string;
  type: string;
  refresh_url: string;
  return_url: string;
  url: string;
  created: number;
  expires_at: number;
}

export interface FakeTransferReversal {
  id: string;
  object: 'transfer_reversal';
  amount: number;
  currency: string;
  transfer: string;
  metadata: StripeMetadata;
  created: number;
}

export interface FakeTransfer {
  id: string;
  object: 'transfer';
  amount: number;
  amount_reversed: number;
  currency: string;
  destination: string;
  transfer_group: string | null;
  description: string | null;
  metadata: StripeMetadata;
  reversed: boolean;
  reversals: { object: 'list'; data: FakeTransferReversal[]; has_more: false; url: string };
  created: number;
  livemode: false;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  status: 'succeeded';
  reason: string | null;
  metadata: StripeMetadata;
  created: number;
}
