import { DomainError } from '@splitwork/kernel';
import { PolicyBounds, resolvePolicy } from './policy-bounds';
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

/** Automatic offers of a project's OPEN tasks, as its owner sets them. */
export interface AutoAssignPolicy {
  /** How long each automatic offer stands. */
  readonly offerWindowMinutes: number;
  /** Automatic offers per task before it stays OPEN for everyone. */
  readonly maxCandidates: number;
}

export const DEFAULT_AUTO_ASSIGN_POLICY: AutoAssignPolicy = {
  offerWindowMinutes: 60,
  maxCandidates: 3,
};

export const AUTO_ASSIGN_POLICY_BOUNDS: PolicyBounds<AutoAssignPolicy> = {
  offerWindowMinutes: { min: 5, max: 10_080, integer: true },
  maxCandidates: { min: 1, max: 20, integer: true },
};

/** The owner's settings over the defaults; BAD_USER_INPUT naming the first bad field and its rule. */
export function resolveAutoAssignPolicy(input: Partial<AutoAssignPolicy> = {}): AutoAssignPolicy {
  return resolvePolicy(
    'Auto-assignment',
    DEFAULT_AUTO_ASSIGN_POLICY,
    AUTO_ASSIGN_POLICY_BOUNDS,
    input,
  );
}
