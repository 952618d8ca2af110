import { createHash } from 'node:crypto';
import type { Currency } from '@splitwork/kernel';
import {
  ConnectedAccountState,
  PaymentIntentResult,
  PaymentProvider,
  TransferResult,
} from './payment-provider';

/** Derived from the idempotency key: the same request gives the same id, across restarts too. */
const id = (prefix: string, key: string) =>
  `${prefix}_sim_${createHash('sha256').update(`${prefix}:${key}`).digest('hex').slice(0, 24)}`;

const ACTIVE_ACCOUNT = {
  payoutsEnabled: true,
  chargesEnabled: true,
  transfersCapability: 'active',
  requirementsDue: [],
} as const;

/**
 * Zero-setup payments: every call succeeds at once with generated ids (marked
 * `_sim_`), the same idempotency key giving the same id. The ledger and the
 * payout jobs around it stay real.
 */
export class SimulatedPaymentProvider extends PaymentProvider {
  readonly simulated = true;

  async createPaymentIntent(input: {
    idempotencyKey: string;
    amountCents: number;
    currency: Currency;
  }): Promise<PaymentIntentResult> {
    const intentId = id('pi', input.idempotencyKey);
    return { id: intentId, clientSecret: `${intentId}_secret_simulated`, status: 'succeeded' };
  }

  async createConnectedAccount(input: { idempotencyKey: string }): Promise<ConnectedAccountState> {
    return { id: id('acct', input.idempotencyKey), ...ACTIVE_ACCOUNT, requirementsDue: [] };
  }

  async retrieveAccount(accountId: string): Promise<ConnectedAccountState> {
    return { id: accountId, ...ACTIVE_ACCOUNT, requirementsDue: [] };
  }

  async createAccountLink(input: { accountId: string; returnUrl: string }) {
    return {
      url: `${input.returnUrl}${input.returnUrl.includes('?') ? '&' : '?'}simulated_onboarding=${input.accountId}`,
      expiresAt: new Date(Date.now() + 5 * 60_000),
    };
  }

  async createTransfer(input: { idempotencyKey: string }): Promise<TransferResult> {
    return { id: id('tr', input.idempotencyKey) };
  }

  async reverseTransfer(input: { idempotencyKey: string }) {
    return { id: id('trr', input.idempotencyKey) };
  }

  async refund(input: { idempotencyKey: string }) {
    return { id: id('re', input.idempotencyKey) };
  }
}
