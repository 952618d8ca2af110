import type {
  FakeAccount,
  FakeAccountLink,
  FakeCharge,
  FakePaymentIntent,
  FakeRefund,
  FakeTransfer,
} from './objects';

/** The objects the fake Stripe holds in memory; the routes read and change them. */
export class FakeStripeStore {
  readonly paymentIntents = new Map<string, FakePaymentIntent>();
  readonly charges = new Map<string, FakeCharge>();
  readonly accounts = new Map<string, FakeAccount>();
  readonly accountLinks: FakeAccountLink[] = [];
  /** Oldest first. */
  readonly transfers: FakeTransfer[] = [];
  readonly refunds: FakeRefund[] = [];

  clear(): void {
    this.paymentIntents.clear();
    this.charges.clear();
    this.accounts.clear();
    this.accountLinks.length = 0;
    this.transfers.length = 0;
    this.refunds.length = 0;
  }
}
