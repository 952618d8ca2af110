import { Currency, isCurrency } from '@splitwork/kernel';
import { StripeEventError } from './payments.errors';

/**
 * The few fields of a Stripe event the mapper reads. A verified
 * `Stripe.Event` fits, and so does a parsed webhook body; the object is
 * checked field by field, never trusted.
 */
export interface StripeEventLike {
  readonly id: string;
  readonly type: string;
  readonly created?: number;
  /** The connected account the event happened on (Connect events). */
  readonly account?: string | null;
  readonly data: { readonly object: unknown };
}

/** The shape of `data.object` the mapper expects for each event it handles (for reference). */
export interface StripePaymentIntentObject {
  readonly id: string;
  readonly amount: number;
  readonly amount_received?: number;
  readonly currency: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly transfer_group?: string | null;
  readonly last_payment_error?: { readonly code?: string; readonly message?: string } | null;
}

export interface StripeAccountObject {
  readonly id: string;
  readonly charges_enabled: boolean;
  readonly payouts_enabled: boolean;
  readonly details_submitted?: boolean;
  readonly capabilities?: { readonly transfers?: string };
  readonly requirements?: {
    readonly currently_due?: readonly string[] | null;
    readonly past_due?: readonly string[] | null;
    readonly disabled_reason?: string | null;
  } | null;
}

export interface StripeTransferObject {
  readonly id: string;
  readonly amount: number;
  readonly amount_reversed: number;
  readonly currency: string;
  readonly destination: string | { readonly id: string } | null;
  readonly transfer_group?: string | null;
  readonly reversed: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly reversals?: { readonly data: readonly { readonly id: string }[] };
}

export interface StripeChargeObject {
  readonly id: string;
  readonly amount: number;
  readonly amount_refunded: number;
  readonly currency: string;
  readonly payment_intent: string | { readonly id: string } | null;
  readonly refunded: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly refunds?: { readonly data: readonly { readonly id: string }[] } | null;
}

export type TransfersCapability = 'active' | 'inactive' | 'pending';

/** What the payments module is asked to do about one Stripe event. */
export type PaymentCommand =
  | {
      readonly kind: 'FUNDING_SUCCEEDED';
      readonly eventId: string;
      readonly paymentIntentId: string;
      /** What was received (`amount_received`, else `amount`). */
      readonly amountCents: number;
      readonly currency: Currency;
      readonly projectId: string;
      readonly metadata: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'FUNDING_FAILED';
      readonly eventId: string;
      readonly paymentIntentId: string;
      readonly amountCents: number;
      readonly currency: Currency;
      readonly projectId: string;
      readonly failureCode: string | null;
      readonly failureMessage: string | null;
    }
  | {
      readonly kind: 'ACCOUNT_UPDATED';
      readonly eventId: string;
      readonly accountId: string;
      readonly payoutsEnabled: boolean;
      readonly chargesEnabled: boolean;
      readonly detailsSubmitted: boolean;
      readonly transfersCapability: TransfersCapability;
      /** Past-due then currently-due requirements, without duplicates. */
      readonly requirementsDue: string[];
      readonly disabledReason: string | null;
    }
  | {
      readonly kind: 'TRANSFER_REVERSED';
      readonly eventId: string;
      readonly transferId: string;
      readonly destination: string | null;
      readonly amountCents: number;
      readonly amountReversedCents: number;
      readonly currency: Currency;
      readonly fullyReversed: boolean;
      readonly transferGroup: string | null;
      readonly reversalIds: string[];
      readonly metadata: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'CHARGE_REFUNDED';
      readonly eventId: string;
      readonly chargeId: string;
      readonly paymentIntentId: string | null;
      readonly amountCents: number;
      readonly amountRefundedCents: number;
      readonly currency: Currency;
      readonly fullyRefunded: boolean;
      readonly refundIds: string[];
      readonly metadata: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'IGNORED'; readonly eventId: string; readonly type: string };

export type PaymentCommandKind = PaymentCommand['kind'];

/** The event types mapped to a command; every other type is IGNORED. */
export const HANDLED_STRIPE_EVENT_TYPES = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'account.updated',
  'transfer.reversed',
  'charge.refunded',
] as const;

type Fields = Readonly<Record<string, unknown>>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the fields of one object, naming the event type and the path in every error. */
class ObjectReader {
  constructor(
    private readonly eventType: string,
    private readonly fields: Fields,
    private readonly path: string,
  ) {}

  static of(eventType: string, value: unknown, path: string): ObjectReader {
    if (!isFields(value)) throw new StripeEventError(eventType, path);
    return new ObjectReader(eventType, value, path);
  }

  /** The field as is, to be read by another reader. */
  raw(field: string): unknown {
    return this.fields[field];
  }

  private fail(field: string): never {
    throw new StripeEventError(this.eventType, `${this.path}.${field}`);
  }

  string(field: string): string {
    const value = this.fields[field];
    if (typeof value !== 'string' || value === '') this.fail(field);
    return value;
  }

  optionalString(field: string): string | null {
    const value = this.fields[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') this.fail(field);
    return value;
  }

  boolean(field: string): boolean {
    const value = this.fields[field];
    if (typeof value !== 'boolean') this.fail(field);
    return value;
  }

  optionalBoolean(field: string): boolean | null {
    const value = this.fields[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'boolean') this.fail(field);
    return value;
  }

  amount(field: string): number {
    const value = this.fields[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) this.fail(field);
    return value;
  }

  optionalAmount(field: string): number | null {
    return this.fields[field] === undefined || this.fields[field] === null
      ? null
      : this.amount(field);
  }

  currency(field: string): Currency {
    const upper = this.string(field).toUpperCase();
    if (!isCurrency(upper)) this.fail(field);
    return upper;
  }

  /** A string map such as `metadata`; absent means empty. */
  stringMap(field: string): Record<string, string> {
    const value = this.fields[field];
    if (value === undefined || value === null) return {};
    if (!isFields(value)) this.fail(field);
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') this.fail(`${field}.${key}`);
      out[key] = item;
    }
    return out;
  }

  stringList(field: string): string[] {
    const value = this.fields[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) this.fail(field);
    return value as string[];
  }

  /** An id given as a string or as an expanded object with an `id`. */
  optionalRef(field: string): string | null {
    const value = this.fields[field];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' && value !== '') return value;
    if (isFields(value) && typeof value.id === 'string' && value.id !== '') return value.id;
    return this.fail(field);
  }

  optionalObject(field: string): ObjectReader | null {
    const value = this.fields[field];
    if (value === undefined || value === null) return null;
    return ObjectReader.of(this.eventType, value, `${this.path}.${field}`);
  }

  /** The ids of a Stripe sub-list such as `reversals` or `refunds`. */
  listIds(field: string): string[] {
    const list = this.optionalObject(field);
    if (list === null) return [];
    const data = list.fields.data;
    if (data === undefined || data === null) return [];
    if (!Array.isArray(data)) return list.fail('data');
    return data.map((item, i) =>
      ObjectReader.of(this.eventType, item, `${list.path}.data[${i}]`).string('id'),
    );
  }
}

function transfersCapability(account: ObjectReader): TransfersCapability {
  const value = account.optionalObject('capabilities')?.optionalString('transfers') ?? 'inactive';
  return value === 'active' || value === 'pending' ? value : 'inactive';
}

function mapPaymentIntent(event: StripeEventLike, object: ObjectReader): PaymentCommand {
  const metadata = object.stringMap('metadata');
  const projectId = metadata.projectId;
  if (projectId === undefined || projectId === '') {
    throw new StripeEventError(event.type, 'data.object.metadata.projectId');
  }
  const base = {
    eventId: event.id,
    paymentIntentId: object.string('id'),
    currency: object.currency('currency'),
    projectId,
  };
  if (event.type === 'payment_intent.succeeded') {
    return {
      kind: 'FUNDING_SUCCEEDED',
      ...base,
      amountCents: object.optionalAmount('amount_received') ?? object.amount('amount'),
      metadata,
    };
  }
  const lastError = object.optionalObject('last_payment_error');
  return {
    kind: 'FUNDING_FAILED',
    ...base,
    amountCents: object.amount('amount'),
    failureCode:
      lastError?.optionalString('decline_code') ?? lastError?.optionalString('code') ?? null,
    failureMessage: lastError?.optionalString('message') ?? null,
  };
}

function mapAccount(event: StripeEventLike, object: ObjectReader): PaymentCommand {
  const requirements = object.optionalObject('requirements');
  const due = [
    ...(requirements?.stringList('past_due') ?? []),
    ...(requirements?.stringList('currently_due') ?? []),
  ];
  return {
    kind: 'ACCOUNT_UPDATED',
    eventId: event.id,
    accountId: object.string('id'),
    payoutsEnabled: object.boolean('payouts_enabled'),
    chargesEnabled: object.boolean('charges_enabled'),
    detailsSubmitted: object.optionalBoolean('details_submitted') ?? false,
    transfersCapability: transfersCapability(object),
    requirementsDue: [...new Set(due)],
    disabledReason: requirements?.optionalString('disabled_reason') ?? null,
  };
}

function mapTransferReversed(event: StripeEventLike, object: ObjectReader): PaymentCommand {
  const amountCents = object.amount('amount');
  const amountReversedCents = object.amount('amount_reversed');
  return {
    kind: 'TRANSFER_REVERSED',
    eventId: event.id,
    transferId: object.string('id'),
    destination: object.optionalRef('destination'),
    amountCents,
    amountReversedCents,
    currency: object.currency('currency'),
    fullyReversed: object.optionalBoolean('reversed') ?? amountReversedCents >= amountCents,
    transferGroup: object.optionalString('transfer_group'),
    reversalIds: object.listIds('reversals'),
    metadata: object.stringMap('metadata'),
  };
}

function mapChargeRefunded(event: StripeEventLike, object: ObjectReader): PaymentCommand {
  const amountCents = object.amount('amount');
  const amountRefundedCents = object.amount('amount_refunded');
  return {
    kind: 'CHARGE_REFUNDED',
    eventId: event.id,
    chargeId: object.string('id'),
    paymentIntentId: object.optionalRef('payment_intent'),
    amountCents,
    amountRefundedCents,
    currency: object.currency('currency'),
    fullyRefunded: object.optionalBoolean('refunded') ?? amountRefundedCents >= amountCents,
    refundIds: object.listIds('refunds'),
    metadata: object.stringMap('metadata'),
  };
}

/**
 * Maps a Stripe event to the command it asks for. Unknown types are IGNORED;
 * a handled type whose object lacks a required field (or an event without an
 * id, a type or an object) throws StripeEventError (BAD_USER_INPUT) naming
 * the field. Pure: the caller verifies the signature and records the event id.
 */
export function mapStripeEvent(event: StripeEventLike): PaymentCommand {
  const envelope = ObjectReader.of(
    typeof event?.type === 'string' ? event.type : 'unknown',
    event,
    'event',
  );
  const type = envelope.string('type');
  const eventId = envelope.string('id');
  const handled = (HANDLED_STRIPE_EVENT_TYPES as readonly string[]).includes(type);
  if (!handled) return { kind: 'IGNORED', eventId, type };
  const data = envelope.optionalObject('data');
  if (data === null) throw new StripeEventError(type, 'data');
  const object = ObjectReader.of(type, data.raw('object'), 'data.object');
  switch (type as (typeof HANDLED_STRIPE_EVENT_TYPES)[number]) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
      return mapPaymentIntent(event, object);
    case 'account.updated':
      return mapAccount(event, object);
    case 'transfer.reversed':
      return mapTransferReversed(event, object);
    case 'charge.refunded':
      return mapChargeRefunded(event, object);
  }
}
