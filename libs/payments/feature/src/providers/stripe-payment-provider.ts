import type Stripe from 'stripe';
import {
  PaymentProvider,
  ConnectedAccountState,
  PaymentIntentResult,
  TransferResult,
} from './payment-provider';
import type { Currency } from '@splitwork/kernel';

export interface StripeProviderOptions {
  secretKey: string;
  /** Another Stripe API host (a local fake in tests), e.g. http://127.0.0.1:12111 */
  apiUrl?: string;
  timeoutMs: number;
  maxNetworkRetries: number;
}

/**
 * The Stripe SDK (1.1 MB of code), required when the provider is made: with
 * the simulated provider (no STRIPE_SECRET_KEY) it is never loaded. The
 * package's export is the constructor itself.
 */
function stripeSdk(): typeof Stripe {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('stripe') as typeof Stripe;
}

type StripeAccount = Awaited<ReturnType<Stripe['accounts']['retrieve']>>;

function toAccountState(account: StripeAccount): ConnectedAccountState {
  const transfers: string | undefined = account.capabilities?.transfers;
  return {
    id: account.id,
    payoutsEnabled: account.payouts_enabled ?? false,
    chargesEnabled: account.charges_enabled ?? false,
    transfersCapability:
      transfers === 'active' ? 'active' : transfers === 'pending' ? 'pending' : 'inactive',
    requirementsDue: account.requirements?.currently_due ?? [],
  };
}

/** Stripe Connect through the official SDK, with timeouts and idempotent retries. */
export class StripePaymentProvider extends PaymentProvider {
  readonly simulated = false;
  private readonly stripe: Stripe;

  constructor(options: StripeProviderOptions) {
    super();
    const url = options.apiUrl ? new URL(options.apiUrl) : undefined;
    this.stripe = new (stripeSdk())(options.secretKey, {
      timeout: options.timeoutMs,
      maxNetworkRetries: options.maxNetworkRetries,
      ...(url
        ? {
            host: url.hostname,
            port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
            protocol: url.protocol === 'https:' ? 'https' : 'http',
          }
        : {}),
    });
  }

  async createPaymentIntent(input: {
    amountCents: number;
    currency: Currency;
    projectId: string;
    fundingId: string;
    idempotencyKey: string;
  }): Promise<PaymentIntentResult> {
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: input.amountCents,
        currency: input.currency.toLowerCase(),
        transfer_group: input.projectId,
        automatic_payment_methods: { enabled: true },
        metadata: { projectId: input.projectId, fundingId: input.fundingId },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: intent.id, clientSecret: intent.client_secret ?? '', status: intent.status };
  }

  async createConnectedAccount(input: { userId: string; email: string; idempotencyKey: string }) {
    const account = await this.stripe.accounts.create(
      {
        type: 'express',
        email: input.email,
        capabilities: { transfers: { requested: true } },
        metadata: { userId: input.userId },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return toAccountState(account);
  }

  async retrieveAccount(accountId: string): Promise<ConnectedAccountState> {
    return toAccountState(await this.stripe.accounts.retrieve(accountId));
  }

  async createAccountLink(input: { accountId: string; refreshUrl: string; returnUrl: string }) {
    const link = await this.stripe.accountLinks.create({
      account: input.accountId,
      refresh_url: input.refreshUrl,
      return_url: input.returnUrl,
      type: 'account_onboarding',
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  }

  async createTransfer(input: {
    amountCents: number;
    currency: Currency;
    destinationAccountId: string;
    transferGroup: string;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<TransferResult> {
    const transfer = await this.stripe.transfers.create(
      {
        amount: input.amountCents,
        currency: input.currency.toLowerCase(),
        destination: input.destinationAccountId,
        transfer_group: input.transferGroup,
        metadata: input.metadata,
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: transfer.id };
  }

  async reverseTransfer(input: {
    transferId: string;
    amountCents: number;
    idempotencyKey: string;
  }) {
    const reversal = await this.stripe.transfers.createReversal(
      input.transferId,
      { amount: input.amountCents },
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: reversal.id };
  }

  async refund(input: { paymentIntentId: string; amountCents: number; idempotencyKey: string }) {
    const refund = await this.stripe.refunds.create(
      { payment_intent: input.paymentIntentId, amount: input.amountCents },
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: refund.id };
  }

  /** Verifies a webhook's signature on the raw body; throws when unsigned, tampered or stale. */
  constructEvent(rawBody: Buffer, signature: string, secret: string, toleranceSeconds: number) {
    return this.stripe.webhooks.constructEvent(rawBody, signature, secret, toleranceSeconds);
  }
}
