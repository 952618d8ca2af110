import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { StripeExchange } from './fake-stripe/exchange';
import {
  compileMatcher,
  FaultAction,
  FaultPlan,
  FailureSpec,
  RequestMatcher,
} from './fake-stripe/faults';
import { IdempotencyStore } from './fake-stripe/idempotency';
import type {
  FakeAccount,
  FakeAccountLink,
  FakeCharge,
  FakePaymentIntent,
  FakeRefund,
  FakeTransfer,
  FakeTransferReversal,
} from './fake-stripe/objects';
import { clone } from './fake-stripe/params';
import type { RecordedStripeRequest } from './fake-stripe/recorded-request';
import { Router } from './fake-stripe/router';
import { accountLinkRoutes } from './fake-stripe/routes/account-links';
import { AccountStateChange, accountRoutes, setAccountState } from './fake-stripe/routes/accounts';
import {
  failPaymentIntent,
  paymentIntentRoutes,
  succeedPaymentIntent,
} from './fake-stripe/routes/payment-intents';
import { refundRoutes } from './fake-stripe/routes/refunds';
import { transferRoutes } from './fake-stripe/routes/transfers';
import { FakeStripeStore } from './fake-stripe/store';

export { parseStripeForm } from './fake-stripe/form';
export type { FormObject, FormValue } from './fake-stripe/form';
export type * from './fake-stripe/objects';
export type { FakeStripeOutcome, RecordedStripeRequest } from './fake-stripe/recorded-request';
export type { FailureSpec, RequestMatcher } from './fake-stripe/faults';
export type { AccountStateChange } from './fake-stripe/routes/accounts';
export { postEvent, signedEvent } from './fake-stripe/webhooks';
export type {
  FakeStripeEvent,
  PostedEvent,
  SignedEventOptions,
  SignedStripeEvent,
} from './fake-stripe/webhooks';

export interface StripeClientOptions {
  readonly maxNetworkRetries?: number;
  /** Client timeout in ms. */
  readonly timeout?: number;
  readonly apiKey?: string;
}

/**
 * A local stand-in for the Stripe API on 127.0.0.1 (random port) that the
 * real `stripe` SDK talks to over HTTP:
 *
 * ```ts
 * const fake = await FakeStripeServer.start();
 * const stripe = new Stripe('sk_test_x', { ...fake.stripeConfig, maxNetworkRetries: 2, timeout: 2000 });
 * fake.applyThenDrop('POST /v1/transfers');   // applied, then the socket is destroyed
 * await stripe.transfers.create({...}, { idempotencyKey: payout.id });
 * expect(fake.transfersTo(accountId)).toHaveLength(1);
 * ```
 *
 * It answers payment intents, Express accounts, account links, transfers
 * (with list and reversals) and refunds; records every request with its
 * parsed body and idempotency key; honours idempotency keys like Stripe
 * (same key, same endpoint and parameters → the stored answer and no second
 * side effect; different endpoint or parameters → 400 idempotency_error;
 * only successful answers are stored); and injects faults on request.
 */
export class FakeStripeServer {
  readonly requests: RecordedStripeRequest[] = [];
  private readonly store = new FakeStripeStore();
  private readonly idempotency = new IdempotencyStore();
  private readonly faults = new FaultPlan();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly exchange: StripeExchange;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    const router = new Router();
    paymentIntentRoutes(router, this.store);
    accountRoutes(router, this.store);
    accountLinkRoutes(router, this.store, this.baseUrl);
    transferRoutes(router, this.store);
    refundRoutes(router, this.store);
    this.exchange = new StripeExchange(
      this.requests,
      router,
      this.faults,
      this.idempotency,
      this.timers,
    );
  }

  static async start(): Promise<FakeStripeServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeStripeServer(server, (server.address() as AddressInfo).port);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.exchange.handle(req, res).catch((error: unknown) => {
        // A bug in the fake, not a scripted fault: answer it loudly rather than hang the client.
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { type: 'api_error', message: `FakeStripeServer: ${String(error)}` },
          }),
        );
      });
    });
    return fake;
  }

  /** Spread into the SDK's config: `new Stripe(key, { ...fake.stripeConfig, maxNetworkRetries })`. */
  get stripeConfig(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http' };
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A real SDK client pointed at this server. */
  client(options: StripeClientOptions = {}): Stripe {
    return new Stripe(options.apiKey ?? 'sk_test_fake_stripe_server', {
      ...this.stripeConfig,
      maxNetworkRetries: options.maxNetworkRetries ?? 0,
      timeout: options.timeout ?? 5_000,
      telemetry: false,
    });
  }

  // -- fault injection --------------------------------------------------------

  /** The next `times` matching requests get an error answer; nothing is done or stored. */
  failNext(matcher: RequestMatcher, spec: FailureSpec): this {
    return this.addFault(matcher, { kind: 'fail', spec }, spec.times ?? 1);
  }

  /** The next matching requests are handled at once but answered `ms` later (to script client timeouts). */
  delayNext(matcher: RequestMatcher, ms: number, options: { times?: number } = {}): this {
    return this.addFault(matcher, { kind: 'delay', ms }, options.times ?? 1);
  }

  /**
   * The next matching requests are handled (side effect done, answer stored
   * under the idempotency key) and then the socket is destroyed unanswered:
   * the client sees a connection error and retries.
   */
  applyThenDrop(matcher: RequestMatcher, options: { times?: number } = {}): this {
    return this.addFault(matcher, { kind: 'apply-then-drop' }, options.times ?? 1);
  }

  /** The next matching requests are dropped before anything is done (the request never arrived). */
  dropNext(matcher: RequestMatcher, options: { times?: number } = {}): this {
    return this.addFault(matcher, { kind: 'drop' }, options.times ?? 1);
  }

  /** Forgets the faults not yet used. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Faults still armed. */
  get pendingFaults(): number {
    return this.faults.pending;
  }

  private addFault(matcher: RequestMatcher, action: FaultAction, times: number): this {
    this.faults.add(matcher, action, times);
    return this;
  }

  // -- state for tests --------------------------------------------------------

  /** Moves a connected account along onboarding, as Stripe would; returns it (e.g. for an account.updated event). */
  setAccountState(accountId: string, change: AccountStateChange): FakeAccount {
    return setAccountState(this.store, accountId, change);
  }

  /** The payment succeeds (as if the client confirmed it): a charge is made; returns the intent (for payment_intent.succeeded). */
  succeedPaymentIntent(paymentIntentId: string): FakePaymentIntent {
    return succeedPaymentIntent(this.store, paymentIntentId);
  }

  /** The payment attempt fails; returns the intent (for payment_intent.payment_failed). */
  failPaymentIntent(
    paymentIntentId: string,
    error: { code?: string; message?: string } = {},
  ): FakePaymentIntent {
    return failPaymentIntent(this.store, paymentIntentId, error);
  }

  paymentIntents(): FakePaymentIntent[] {
    return [...this.store.paymentIntents.values()].map(clone);
  }

  paymentIntent(id: string): FakePaymentIntent | undefined {
    const intent = this.store.paymentIntents.get(id);
    return intent && clone(intent);
  }

  charges(): FakeCharge[] {
    return [...this.store.charges.values()].map(clone);
  }

  accounts(): FakeAccount[] {
    return [...this.store.accounts.values()].map(clone);
  }

  account(id: string): FakeAccount | undefined {
    const account = this.store.accounts.get(id);
    return account && clone(account);
  }

  accountLinks(): FakeAccountLink[] {
    return this.store.accountLinks.map(clone);
  }

  /** Every transfer created (each one a side effect), oldest first, optionally filtered. */
  transfers(filter: { destination?: string; transferGroup?: string } = {}): FakeTransfer[] {
    return this.store.transfers
      .filter((t) => filter.destination === undefined || t.destination === filter.destination)
      .filter(
        (t) => filter.transferGroup === undefined || t.transfer_group === filter.transferGroup,
      )
      .map(clone);
  }

  /** The transfers created to one connected account: assert "exactly once" with its length. */
  transfersTo(destination: string): FakeTransfer[] {
    return this.transfers({ destination });
  }

  reversals(): FakeTransferReversal[] {
    return this.store.transfers.flatMap((t) => t.reversals.data).map(clone);
  }

  refunds(): FakeRefund[] {
    return this.store.refunds.map(clone);
  }

  /** The recorded requests that match, in arrival order. */
  requestsTo(matcher: RequestMatcher): RecordedStripeRequest[] {
    const matches = compileMatcher(matcher);
    return this.requests.filter((r) => matches(r.method, r.path));
  }

  /** Forgets every object, stored idempotent answer, fault and recorded request. */
  reset(): void {
    this.requests.length = 0;
    this.idempotency.clear();
    this.store.clear();
    this.faults.clear();
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
