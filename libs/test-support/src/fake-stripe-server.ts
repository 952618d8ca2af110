import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

// ---------------------------------------------------------------------------
// Form bodies
// ---------------------------------------------------------------------------

/** A value of a Stripe form body: strings, nested objects (brackets) and lists. */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

function isFormObject(value: FormValue | undefined): value is FormObject {
  return typeof value === 'object' && !Array.isArray(value);
}

/** `a[b][c]` → ['a', 'b', 'c']; `a[]` → ['a', ''] (append). */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const path = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) path.push(match[1]);
  return path;
}

/** Turns objects whose keys are exactly 0..n-1 into arrays, depth first. */
function listify(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(listify);
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = listify(value[key]);
  const isList = keys.length > 0 && keys.every((k, i) => k === String(i));
  return isList ? keys.map((k) => converted[k]) : converted;
}

/**
 * Parses an `application/x-www-form-urlencoded` body (or query string) as
 * Stripe sends it: `metadata[projectId]=p1&capabilities[transfers][requested]=true&expand[0]=x`
 * → `{metadata: {projectId: 'p1'}, capabilities: {transfers: {requested: 'true'}}, expand: ['x']}`.
 * Values stay strings, as on the wire.
 */
export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = keyPath(key);
    let node: FormObject = root;
    path.forEach((segment, i) => {
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (!isFormObject(next)) node[name] = {};
      node = node[name] as FormObject;
    });
  }
  return listify(root) as FormObject;
}

/** JSON with sorted keys: two bodies with the same parameters give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------
// Stripe objects (the fields the fake keeps, in Stripe's wire shape)
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Requests, faults
// ---------------------------------------------------------------------------

/**
 * What became of a request: `applied` (handled, side effect done if any, and
 * answered, possibly late), `applied-then-dropped` (handled, then the socket
 * was destroyed unanswered), `replayed` (stored answer to a repeated
 * idempotency key), `injected-failure` (`failNext`: nothing done), `dropped`
 * (`dropNext`: socket destroyed before anything was done), `error` (the API
 * refused it: validation, missing object, idempotency mismatch).
 */
export type FakeStripeOutcome =
  'applied' | 'applied-then-dropped' | 'replayed' | 'injected-failure' | 'dropped' | 'error';

export interface RecordedStripeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: FormObject;
  readonly body: FormObject;
  readonly idempotencyKey: string | null;
  readonly stripeAccount: string | null;
  readonly headers: IncomingHttpHeaders;
  readonly receivedAt: number;
  /** HTTP status sent (null when the socket was dropped). */
  status: number | null;
  outcome: FakeStripeOutcome | null;
}

/**
 * Which requests a fault applies to:
 * - a string `'POST /v1/transfers'` or `'/v1/transfers/:id/reversals'`
 *   (method optional; `:name` and `*` match one path segment);
 * - a RegExp, tested against the path;
 * - a predicate.
 */
export type RequestMatcher =
  string | RegExp | ((request: { readonly method: string; readonly path: string }) => boolean);

export interface FailureSpec {
  readonly status: number;
  /** Stripe error type; by default from the status (api_error, rate_limit_error, card_error, invalid_request_error). */
  readonly type?: string;
  readonly code?: string;
  readonly message?: string;
  /** How many matching requests fail (default 1). */
  readonly times?: number;
  /** Sends `Stripe-Should-Retry` (the SDK obeys it). */
  readonly shouldRetry?: boolean;
}

type FaultAction =
  | { readonly kind: 'fail'; readonly spec: FailureSpec }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'apply-then-drop' }
  | { readonly kind: 'drop' };

interface FaultRule {
  readonly matches: (method: string, path: string) => boolean;
  readonly action: FaultAction;
  remaining: number;
}

function compileMatcher(matcher: RequestMatcher): (method: string, path: string) => boolean {
  if (typeof matcher === 'function') return (method, path) => matcher({ method, path });
  if (matcher instanceof RegExp) return (_method, path) => matcher.test(path);
  const [first, second] = matcher.trim().split(/\s+/);
  const method = second === undefined ? null : first.toUpperCase();
  const pattern = second ?? first;
  const source = pattern
    .split('/')
    .map((segment) =>
      segment === '*' || segment.startsWith(':')
        ? '[^/]+'
        : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  const regex = new RegExp(`^${source}$`);
  return (m, path) => (method === null || method === m) && regex.test(path);
}

/** An error answered in Stripe's format: `{error: {type, code, message, param}}`. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | undefined,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }

  body(): { error: Record<string, string> } {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

function defaultErrorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  if (status === 402) return 'card_error';
  return 'invalid_request_error';
}

function missing(param: string): ApiError {
  return new ApiError(
    400,
    'invalid_request_error',
    'parameter_missing',
    `Missing required param: ${param}.`,
    param,
  );
}

function noSuch(kind: string, id: string, param: string, status = 404): ApiError {
  return new ApiError(
    status,
    'invalid_request_error',
    'resource_missing',
    `No such ${kind}: '${id}'`,
    param,
  );
}

interface StoredResponse {
  readonly method: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

interface Routed {
  readonly status: number;
  readonly body: unknown;
}

interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly body: FormObject;
  readonly query: FormObject;
}

type Handler = (ctx: RequestContext) => Routed;

const now = (): number => Math.floor(Date.now() / 1000);

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function field(body: FormObject, name: string): string | null {
  const value = body[name];
  return typeof value === 'string' ? value : null;
}

function requireField(body: FormObject, name: string): string {
  const value = field(body, name);
  if (value === null || value === '') throw missing(name);
  return value;
}

function amountField(body: FormObject, name: string, required: true): number;
function amountField(body: FormObject, name: string, required: false): number | null;
function amountField(body: FormObject, name: string, required: boolean): number | null {
  const raw = required ? requireField(body, name) : field(body, name);
  if (raw === null || raw === '') return null;
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new ApiError(
      400,
      'invalid_request_error',
      'parameter_invalid_integer',
      `Invalid integer: ${raw}`,
      name,
    );
  }
  const value = Number(raw);
  if (value < 1) {
    throw new ApiError(
      400,
      'invalid_request_error',
      'amount_too_small',
      'Amount must be at least 1',
      name,
    );
  }
  return value;
}

function currencyField(body: FormObject): string {
  const value = requireField(body, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(value)) {
    throw new ApiError(
      400,
      'invalid_request_error',
      'parameter_invalid_string',
      `Invalid currency: ${value}`,
      'currency',
    );
  }
  return value;
}

function metadataField(body: FormObject): StripeMetadata {
  const value = body.metadata;
  if (value === undefined || value === '') return {};
  if (!isFormObject(value)) {
    throw new ApiError(
      400,
      'invalid_request_error',
      'parameter_invalid_string',
      'Invalid metadata',
      'metadata',
    );
  }
  const out: StripeMetadata = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      throw new ApiError(
        400,
        'invalid_request_error',
        'parameter_invalid_string',
        `Invalid metadata[${key}]`,
        'metadata',
      );
    }
    out[key] = item;
  }
  return out;
}

const clone = <T>(value: T): T => structuredClone(value);

const INITIAL_REQUIREMENTS = [
  'business_type',
  'external_account',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

export interface AccountStateChange {
  readonly payoutsEnabled?: boolean;
  readonly chargesEnabled?: boolean;
  readonly detailsSubmitted?: boolean;
  readonly transfers?: CapabilityStatus;
  /** Replaces `currently_due` (default: cleared when transfers become active). */
  readonly requirementsDue?: readonly string[];
  readonly disabledReason?: string | null;
}

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
  private readonly idempotency = new Map<string, StoredResponse>();
  private readonly paymentIntentsById = new Map<string, FakePaymentIntent>();
  private readonly chargesById = new Map<string, FakeCharge>();
  private readonly accountsById = new Map<string, FakeAccount>();
  private readonly links: FakeAccountLink[] = [];
  private readonly transferList: FakeTransfer[] = [];
  private readonly refundList: FakeRefund[] = [];
  private faults: FaultRule[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly routes: {
    method: string;
    pattern: RegExp;
    names: string[];
    handler: Handler;
  }[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    this.route('POST', '/v1/payment_intents', (c) => this.createPaymentIntent(c));
    this.route('GET', '/v1/payment_intents/:id', (c) => this.getPaymentIntent(c));
    this.route('POST', '/v1/accounts', (c) => this.createAccount(c));
    this.route('GET', '/v1/accounts/:id', (c) => this.getAccount(c));
    this.route('POST', '/v1/account_links', (c) => this.createAccountLink(c));
    this.route('POST', '/v1/transfers', (c) => this.createTransfer(c));
    this.route('GET', '/v1/transfers', (c) => this.listTransfers(c));
    this.route('GET', '/v1/transfers/:id', (c) => this.getTransfer(c));
    this.route('POST', '/v1/transfers/:id/reversals', (c) => this.createReversal(c));
    this.route('POST', '/v1/refunds', (c) => this.createRefund(c));
  }

  static async start(): Promise<FakeStripeServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeStripeServer(server, (server.address() as AddressInfo).port);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => {
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
    this.faults = [];
  }

  /** Faults still armed. */
  get pendingFaults(): number {
    return this.faults.reduce((sum, f) => sum + f.remaining, 0);
  }

  private addFault(matcher: RequestMatcher, action: FaultAction, times: number): this {
    if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
    this.faults.push({ matches: compileMatcher(matcher), action, remaining: times });
    return this;
  }

  private takeFault(method: string, path: string): FaultAction | null {
    const rule = this.faults.find((f) => f.remaining > 0 && f.matches(method, path));
    if (!rule) return null;
    rule.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return rule.action;
  }

  // -- state for tests --------------------------------------------------------

  /** Moves a connected account along onboarding, as Stripe would; returns it (e.g. for an account.updated event). */
  setAccountState(accountId: string, change: AccountStateChange): FakeAccount {
    const account = this.accountsById.get(accountId);
    if (!account) throw new Error(`FakeStripeServer: no account ${accountId}`);
    if (change.transfers !== undefined) account.capabilities.transfers = change.transfers;
    if (change.payoutsEnabled !== undefined) account.payouts_enabled = change.payoutsEnabled;
    if (change.chargesEnabled !== undefined) account.charges_enabled = change.chargesEnabled;
    const activated = change.transfers === 'active';
    if (change.requirementsDue !== undefined) {
      account.requirements.currently_due = [...change.requirementsDue];
      account.requirements.eventually_due = [...change.requirementsDue];
    } else if (activated) {
      account.requirements.currently_due = [];
      account.requirements.eventually_due = [];
      account.requirements.past_due = [];
    }
    if (change.detailsSubmitted !== undefined) account.details_submitted = change.detailsSubmitted;
    else if (activated) account.details_submitted = true;
    if (change.disabledReason !== undefined)
      account.requirements.disabled_reason = change.disabledReason;
    else if (activated) account.requirements.disabled_reason = null;
    return clone(account);
  }

  /** The payment succeeds (as if the client confirmed it): a charge is made; returns the intent (for payment_intent.succeeded). */
  succeedPaymentIntent(paymentIntentId: string): FakePaymentIntent {
    const intent = this.paymentIntentsById.get(paymentIntentId);
    if (!intent) throw new Error(`FakeStripeServer: no payment intent ${paymentIntentId}`);
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
      this.chargesById.set(charge.id, charge);
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      intent.latest_charge = charge.id;
      intent.last_payment_error = null;
    }
    return clone(intent);
  }

  /** The payment attempt fails; returns the intent (for payment_intent.payment_failed). */
  failPaymentIntent(
    paymentIntentId: string,
    error: { code?: string; message?: string } = {},
  ): FakePaymentIntent {
    const intent = this.paymentIntentsById.get(paymentIntentId);
    if (!intent) throw new Error(`FakeStripeServer: no payment intent ${paymentIntentId}`);
    intent.status = 'requires_payment_method';
    intent.last_payment_error = {
      type: 'card_error',
      code: error.code ?? 'card_declined',
      message: error.message ?? 'Your card was declined.',
    };
    return clone(intent);
  }

  paymentIntents(): FakePaymentIntent[] {
    return [...this.paymentIntentsById.values()].map(clone);
  }

  paymentIntent(id: string): FakePaymentIntent | undefined {
    const intent = this.paymentIntentsById.get(id);
    return intent && clone(intent);
  }

  charges(): FakeCharge[] {
    return [...this.chargesById.values()].map(clone);
  }

  accounts(): FakeAccount[] {
    return [...this.accountsById.values()].map(clone);
  }

  account(id: string): FakeAccount | undefined {
    const account = this.accountsById.get(id);
    return account && clone(account);
  }

  accountLinks(): FakeAccountLink[] {
    return this.links.map(clone);
  }

  /** Every transfer created (each one a side effect), oldest first, optionally filtered. */
  transfers(filter: { destination?: string; transferGroup?: string } = {}): FakeTransfer[] {
    return this.transferList
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
    return this.transferList.flatMap((t) => t.reversals.data).map(clone);
  }

  refunds(): FakeRefund[] {
    return this.refundList.map(clone);
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
    this.paymentIntentsById.clear();
    this.chargesById.clear();
    this.accountsById.clear();
    this.links.length = 0;
    this.transferList.length = 0;
    this.refundList.length = 0;
    this.faults = [];
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -- HTTP -------------------------------------------------------------------

  private route(method: string, path: string, handler: Handler): void {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment;
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
  }

  private dispatch(method: string, path: string, body: FormObject, query: FormObject): Routed {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(
        route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]),
      );
      return route.handler({ method, path, params, body, query });
    }
    throw new ApiError(
      404,
      'invalid_request_error',
      undefined,
      `Unrecognized request URL (${method}: ${path}).`,
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const [path, queryString = ''] = (req.url ?? '/').split('?');
    const header = (name: string): string | null => {
      const value = req.headers[name];
      return typeof value === 'string' && value !== '' ? value : null;
    };
    const record: RecordedStripeRequest = {
      method,
      path,
      query: parseStripeForm(queryString),
      body: method === 'GET' ? {} : parseStripeForm(raw),
      idempotencyKey: header('idempotency-key'),
      stripeAccount: header('stripe-account'),
      headers: req.headers,
      receivedAt: Date.now(),
      status: null,
      outcome: null,
    };
    this.requests.push(record);

    const authorization = header('authorization');
    if (!authorization || !/^Bearer \S+$/.test(authorization)) {
      const error = new ApiError(
        401,
        'invalid_request_error',
        undefined,
        'You did not provide an API key.',
      );
      this.send(res, record, 'error', error.status, error.body());
      return;
    }

    const fault = this.takeFault(method, path);
    if (fault?.kind === 'fail') {
      const { spec } = fault;
      const error = new ApiError(
        spec.status,
        spec.type ?? defaultErrorType(spec.status),
        spec.code,
        spec.message ?? `Injected failure (HTTP ${spec.status})`,
      );
      const extra: Record<string, string> =
        spec.shouldRetry === undefined ? {} : { 'stripe-should-retry': String(spec.shouldRetry) };
      this.send(res, record, 'injected-failure', error.status, error.body(), extra);
      return;
    }
    if (fault?.kind === 'drop') {
      this.drop(req, record, 'dropped');
      return;
    }

    let outcome: FakeStripeOutcome;
    let status: number;
    let body: unknown;
    const extraHeaders: Record<string, string> = {};
    const scope = `${record.stripeAccount ?? 'platform'}\u0000${record.idempotencyKey ?? ''}`;
    const stored =
      method === 'POST' && record.idempotencyKey ? this.idempotency.get(scope) : undefined;
    const fingerprint = canonical(record.body);
    if (
      stored &&
      (stored.method !== method || stored.path !== path || stored.fingerprint !== fingerprint)
    ) {
      const sameEndpoint = stored.method === method && stored.path === path;
      const error = new ApiError(
        400,
        'idempotency_error',
        undefined,
        sameEndpoint
          ? `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${record.idempotencyKey}' if you meant to execute a different request.`
          : `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.path}' vs '${path}'). Try using a key other than '${record.idempotencyKey}' if you meant to execute a different request.`,
      );
      outcome = 'error';
      status = error.status;
      body = error.body();
    } else if (stored) {
      outcome = 'replayed';
      status = stored.status;
      body = stored.body;
      extraHeaders['idempotent-replayed'] = 'true';
    } else {
      try {
        const routed = this.dispatch(method, path, record.body, record.query);
        outcome = 'applied';
        status = routed.status;
        body = routed.body;
        if (method === 'POST' && record.idempotencyKey && status < 300) {
          this.idempotency.set(scope, { method, path, fingerprint, status, body });
        }
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        outcome = 'error';
        status = error.status;
        body = error.body();
      }
    }

    if (fault?.kind === 'apply-then-drop') {
      this.drop(req, record, outcome === 'applied' ? 'applied-then-dropped' : outcome);
      return;
    }
    if (fault?.kind === 'delay') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.send(res, record, outcome, status, body, extraHeaders);
      }, fault.ms);
      this.timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        if (record.status === null) record.outcome = outcome;
      });
      return;
    }
    this.send(res, record, outcome, status, body, extraHeaders);
  }

  private drop(
    req: IncomingMessage,
    record: RecordedStripeRequest,
    outcome: FakeStripeOutcome,
  ): void {
    record.outcome = outcome;
    req.socket.destroy();
  }

  private send(
    res: ServerResponse,
    record: RecordedStripeRequest,
    outcome: FakeStripeOutcome,
    status: number,
    body: unknown,
    extraHeaders: Record<string, string> = {},
  ): void {
    record.outcome = outcome;
    if (res.writableEnded || res.destroyed) return;
    record.status = status;
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': newId('req'),
      ...(record.idempotencyKey ? { 'idempotency-key': record.idempotencyKey } : {}),
      ...extraHeaders,
    });
    res.end(JSON.stringify(body));
  }

  // -- resources ---------------------------------------------------------------

  private createPaymentIntent({ body }: RequestContext): Routed {
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
    this.paymentIntentsById.set(id, intent);
    return { status: 200, body: clone(intent) };
  }

  private getPaymentIntent({ params }: RequestContext): Routed {
    const intent = this.paymentIntentsById.get(params.id);
    if (!intent) throw noSuch('payment_intent', params.id, 'intent');
    return { status: 200, body: clone(intent) };
  }

  private createAccount({ body }: RequestContext): Routed {
    const requested = isFormObject(body.capabilities) ? Object.keys(body.capabilities) : [];
    const capabilities: Record<string, CapabilityStatus> = { transfers: 'inactive' };
    for (const name of requested) capabilities[name] = 'inactive';
    const account: FakeAccount = {
      id: newId('acct'),
      object: 'account',
      type: field(body, 'type') ?? 'express',
      country: field(body, 'country') ?? 'US',
      email: field(body, 'email'),
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities,
      requirements: {
        currently_due: [...INITIAL_REQUIREMENTS],
        eventually_due: [...INITIAL_REQUIREMENTS],
        past_due: [],
        disabled_reason: 'requirements.past_due',
      },
      metadata: metadataField(body),
      created: now(),
    };
    this.accountsById.set(account.id, account);
    return { status: 200, body: clone(account) };
  }

  private getAccount({ params }: RequestContext): Routed {
    const account = this.accountsById.get(params.id);
    if (!account) throw noSuch('account', params.id, 'account');
    return { status: 200, body: clone(account) };
  }

  private createAccountLink({ body }: RequestContext): Routed {
    const accountId = requireField(body, 'account');
    if (!this.accountsById.has(accountId)) throw noSuch('account', accountId, 'account', 400);
    const type = requireField(body, 'type');
    if (type !== 'account_onboarding' && type !== 'account_update') {
      throw new ApiError(
        400,
        'invalid_request_error',
        'parameter_invalid_string',
        `Invalid type: ${type}`,
        'type',
      );
    }
    const created = now();
    const link: FakeAccountLink = {
      object: 'account_link',
      account: accountId,
      type,
      refresh_url: requireField(body, 'refresh_url'),
      return_url: requireField(body, 'return_url'),
      url: `${this.baseUrl}/setup/e/${accountId}/${randomBytes(12).toString('hex')}`,
      created,
      expires_at: created + 300,
    };
    this.links.push(link);
    return {
      status: 200,
      body: {
        object: link.object,
        created: link.created,
        expires_at: link.expires_at,
        url: link.url,
      },
    };
  }

  private createTransfer({ body }: RequestContext): Routed {
    const amount = amountField(body, 'amount', true);
    const currency = currencyField(body);
    const destination = requireField(body, 'destination');
    const account = this.accountsById.get(destination);
    if (!account) throw noSuch('destination', destination, 'destination', 400);
    if (account.capabilities.transfers !== 'active') {
      throw new ApiError(
        400,
        'invalid_request_error',
        'insufficient_capabilities_for_transfer',
        'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
        'destination',
      );
    }
    const id = newId('tr');
    const transfer: FakeTransfer = {
      id,
      object: 'transfer',
      amount,
      amount_reversed: 0,
      currency,
      destination,
      transfer_group: field(body, 'transfer_group'),
      description: field(body, 'description'),
      metadata: metadataField(body),
      reversed: false,
      reversals: {
        object: 'list',
        data: [],
        has_more: false,
        url: `/v1/transfers/${id}/reversals`,
      },
      created: now(),
      livemode: false,
    };
    this.transferList.push(transfer);
    return { status: 200, body: clone(transfer) };
  }

  private listTransfers({ query }: RequestContext): Routed {
    const destination = field(query, 'destination');
    const group = field(query, 'transfer_group');
    const limitRaw = field(query, 'limit');
    const limit = limitRaw === null ? 10 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ApiError(
        400,
        'invalid_request_error',
        'parameter_invalid_integer',
        'Invalid limit',
        'limit',
      );
    }
    let matching = [...this.transferList]
      .reverse()
      .filter((t) => destination === null || t.destination === destination)
      .filter((t) => group === null || t.transfer_group === group);
    const after = field(query, 'starting_after');
    if (after !== null) {
      const index = matching.findIndex((t) => t.id === after);
      if (index < 0) throw noSuch('transfer', after, 'starting_after', 400);
      matching = matching.slice(index + 1);
    }
    return {
      status: 200,
      body: {
        object: 'list',
        url: '/v1/transfers',
        has_more: matching.length > limit,
        data: matching.slice(0, limit).map(clone),
      },
    };
  }

  private getTransfer({ params }: RequestContext): Routed {
    const transfer = this.transferList.find((t) => t.id === params.id);
    if (!transfer) throw noSuch('transfer', params.id, 'id');
    return { status: 200, body: clone(transfer) };
  }

  private createReversal({ params, body }: RequestContext): Routed {
    const transfer = this.transferList.find((t) => t.id === params.id);
    if (!transfer) throw noSuch('transfer', params.id, 'id');
    const left = transfer.amount - transfer.amount_reversed;
    const amount = amountField(body, 'amount', false) ?? left;
    if (left === 0) {
      throw new ApiError(
        400,
        'invalid_request_error',
        'transfer_already_reversed',
        `Transfer ${transfer.id} has already been fully reversed.`,
      );
    }
    if (amount > left) {
      throw new ApiError(
        400,
        'invalid_request_error',
        'amount_too_large',
        `Reversal amount (${amount}) is greater than the amount left on the transfer (${left}).`,
        'amount',
      );
    }
    const reversal: FakeTransferReversal = {
      id: newId('trr'),
      object: 'transfer_reversal',
      amount,
      currency: transfer.currency,
      transfer: transfer.id,
      metadata: metadataField(body),
      created: now(),
    };
    transfer.reversals.data.push(reversal);
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed === transfer.amount;
    return { status: 200, body: clone(reversal) };
  }

  private createRefund({ body }: RequestContext): Routed {
    const intentId = field(body, 'payment_intent');
    const chargeId = field(body, 'charge');
    let charge: FakeCharge | undefined;
    if (intentId !== null) {
      const intent = this.paymentIntentsById.get(intentId);
      if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent', 400);
      if (intent.latest_charge === null) {
        throw new ApiError(
          400,
          'invalid_request_error',
          'payment_intent_unexpected_state',
          `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
          'payment_intent',
        );
      }
      charge = this.chargesById.get(intent.latest_charge);
    } else if (chargeId !== null) {
      charge = this.chargesById.get(chargeId);
      if (!charge) throw noSuch('charge', chargeId, 'charge', 400);
    } else {
      throw missing('payment_intent');
    }
    if (!charge) throw noSuch('charge', String(chargeId), 'charge', 400);
    const left = charge.amount - charge.amount_refunded;
    if (left === 0) {
      throw new ApiError(
        400,
        'invalid_request_error',
        'charge_already_refunded',
        `Charge ${charge.id} has already been refunded.`,
      );
    }
    const amount = amountField(body, 'amount', false) ?? left;
    if (amount > left) {
      throw new ApiError(
        400,
        'invalid_request_error',
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
    this.refundList.push(refund);
    return { status: 200, body: clone(refund) };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------
// Webhook events
// ---------------------------------------------------------------------------

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
