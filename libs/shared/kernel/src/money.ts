import { DomainError } from './domain-error';

/** ISO 4217 currencies accepted by the platform, with their minor-unit exponent. */
export const CURRENCY_EXPONENTS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  AUD: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  INR: 2,
  BRL: 2,
  JPY: 0,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENTS;

export function isCurrency(value: string): value is Currency {
  return Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, value);
}

export function parseCurrency(value: string): Currency {
  const upper = value.trim().toUpperCase();
  if (!isCurrency(upper)) {
    throw DomainError.badInput(`Unknown currency "${value}"`, { field: 'currency' });
  }
  return upper;
}

/** An amount of money in integer minor units (cents). Never a float. */
export interface Money {
  readonly amountCents: number;
  readonly currency: Currency;
}

export function money(amountCents: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amountCents)) {
    throw DomainError.badInput('Amounts are whole numbers of minor units', { amountCents });
  }
  return { amountCents, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw DomainError.badInput(`Currency mismatch: ${a.currency} and ${b.currency}`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountCents + b.amountCents, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountCents - b.amountCents, a.currency);
}

/** Multiplies by a rate given in basis points, rounding half away from zero. */
export function applyBasisPoints(amount: Money, basisPoints: number): Money {
  const raw = (amount.amountCents * basisPoints) / 10_000;
  return money(Math.sign(raw) * Math.round(Math.abs(raw)), amount.currency);
}

/**
 * Splits an amount into parts proportional to the weights, so that the parts
 * always add up to the whole (largest remainder method).
 */
export function allocate(amount: Money, weights: readonly number[]): Money[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (weights.length === 0 || total <= 0 || weights.some((w) => w < 0)) {
    throw DomainError.badInput('Allocation weights must be non-negative and not all zero');
  }
  const exact = weights.map((w) => (amount.amountCents * w) / total);
  const parts = exact.map((x) => Math.floor(x));
  let remainder = amount.amountCents - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; remainder > 0; k = (k + 1) % order.length, remainder--) {
    parts[order[k].i] += 1;
  }
  return parts.map((p) => money(p, amount.currency));
}

export function formatMoney(value: Money): string {
  const exponent = CURRENCY_EXPONENTS[value.currency];
  const sign = value.amountCents < 0 ? '-' : '';
  const abs = Math.abs(value.amountCents);
  if (exponent === 0) return `${sign}${abs} ${value.currency}`;
  const unit = 10 ** exponent;
  const major = Math.floor(abs / unit);
  const minor = String(abs % unit).padStart(exponent, '0');
  return `${sign}${major}.${minor} ${value.currency}`;
}
