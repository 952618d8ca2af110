import { DomainError } from '@splitwork/kernel';
import { addHours, assertDate } from './time.util';

/** How long an invitation stays open. */
export interface OfferPolicy {
  /** When the inviter gives no window. */
  readonly defaultHours: number;
  readonly minHours: number;
  /** An invitation holds a task away from everyone else: never longer than this. */
  readonly maxHours: number;
}

export const DEFAULT_OFFER_POLICY: OfferPolicy = { defaultHours: 24, minHours: 1, maxHours: 168 };

/**
 * When an offer made at `offeredAt` expires: after `hours` (the policy's
 * default when absent). BAD_USER_INPUT for a window outside [min, max].
 */
export function offerExpiresAt(
  offeredAt: Date,
  hours: number | null | undefined,
  policy: OfferPolicy = DEFAULT_OFFER_POLICY,
): Date {
  assertDate(offeredAt, 'offeredAt');
  const window = hours ?? policy.defaultHours;
  if (!Number.isFinite(window) || window < policy.minHours || window > policy.maxHours) {
    throw DomainError.badInput(
      `An offer lasts from ${policy.minHours} to ${policy.maxHours} hours`,
      { field: 'expiresInHours', value: window },
    );
  }
  return addHours(offeredAt, window);
}
