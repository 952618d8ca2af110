/** Readers of request parameters that refuse bad ones as Stripe does; ids, timestamps, copies. */
import { randomBytes } from 'node:crypto';
import { ApiError, missing } from './api-error';
import { FormObject, isFormObject } from './form';
import type { StripeMetadata } from './objects';

export const now = (): number => Math.floor(Date.now() / 1000);

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export function field(body: FormObject, name: string): string | null {
  const value = body[name];
  return typeof value === 'string' ? value : null;
}

export function requireField(body: FormObject, name: string): string {
  const value = field(body, name);
  if (value === null || value === '') throw missing(name);
  return value;
}

export function amountField(body: FormObject, name: string, required: true): number;
export function amountField(body: FormObject, name: string, required: false): number | null;
export function amountField(body: FormObject, name: string, required: boolean): number | null {
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

export function currencyField(body: FormObject): string {
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

export function metadataField(body: FormObject): StripeMetadata {
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

export const clone = <T>(value: T): T => structuredClone(value);
