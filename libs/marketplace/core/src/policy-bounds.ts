import { DomainError } from '@splitwork/kernel';

/** The values a policy field accepts: the one place a policy's limits are written. */
export interface PolicyBound {
  /** Lowest accepted value (excluded when `aboveMin`). */
  readonly min: number;
  readonly max: number;
  /** The value must be greater than `min` (a positive duration, say). */
  readonly aboveMin?: boolean;
  readonly integer?: boolean;
}

export type PolicyBounds<P> = { readonly [K in keyof P]: PolicyBound };

/** The rule in words, e.g. "a whole number from 1 to 50". */
export function describeBound(bound: PolicyBound): string {
  const kind = bound.integer ? 'a whole number' : 'a number';
  return bound.aboveMin
    ? `${kind} above ${bound.min} and at most ${bound.max}`
    : `${kind} from ${bound.min} to ${bound.max}`;
}

export function withinBound(value: number, bound: PolicyBound): boolean {
  if (!Number.isFinite(value)) return false;
  if (bound.integer && !Number.isInteger(value)) return false;
  if (bound.aboveMin ? value <= bound.min : value < bound.min) return false;
  return value <= bound.max;
}

/**
 * `defaults` overridden by the defined fields of `input`, each checked
 * against its bound; BAD_USER_INPUT naming the first bad field and its rule.
 */
export function resolvePolicy<P extends { readonly [K in keyof P]: number }>(
  name: string,
  defaults: P,
  bounds: PolicyBounds<P>,
  input: Partial<P>,
): P {
  const policy = { ...defaults };
  for (const key of Object.keys(input) as (keyof P & string)[]) {
    if (input[key] !== undefined) policy[key] = input[key];
  }
  for (const field of Object.keys(bounds) as (keyof P & string)[]) {
    const value = policy[field] as number;
    if (!withinBound(value, bounds[field])) {
      throw DomainError.badInput(`${name}: ${field} must be ${describeBound(bounds[field])}`, {
        field,
        value,
      });
    }
  }
  return policy;
}
