import type { Currency } from '@splitwork/kernel';

export interface PaymentIntentResult {
  id: string;
  /** What a client needs to confirm the payment (Stripe.js `confirmPayment`). */
  clientSecret: string;
  status: string;
}

export interface ConnectedAccountState {
  id: string;
  payoutsEnabled: boolean;
  chargesEnabled: boolean;
  /** `active` once the account can receive transfers. */
  transfersCapability: 'active' | 'inactive' | 'pending';
  requirementsDue: string[];
}

export interface TransferResult {
  id: string;
}

/**
 * The payment service behind the money flows: Stripe Connect, or the
 * simulated provider of zero-setup mode. Every call that moves money takes an
 * idempotency key, so a retry after a timeout cannot move it twice.
 */
export abstract class PaymentProvider {
  /** `true` for the simulated provider: shown in the API next to every figure it produced. */
  abstract readonly simulated: boolean;

  abstract createPaymentIntent(input: {
    amountCents: number;
    currency: Currency;
    projectId: string;
    fundingId: string;
    idempotencyKey: string;
  }): Promise<PaymentIntentResult>;

  abstract createConnectedAccount(input: {
    userId: string;
    email: string;
    idempotencyKey: string;
  }): Promise<ConnectedAccountState>;

  abstract retrieveAccount(accountId: string): Promise<ConnectedAccountState>;

  /** A single-use onboarding link; a fresh one on each call. */
  abstract createAccountLink(input: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string; expiresAt: Date }>;

  abstract createTransfer(input: {
    amountCents: number;
    currency: Currency;
    destinationAccountId: string;
    transferGroup: string;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<TransferResult>;

  abstract reverseTransfer(input: {
    transferId: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<{ id: string }>;

  abstract refund(input: {
    paymentIntentId: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<{ id: string }>;
}
