/**
 * Who a payout pays: the freelancer who delivered the task (its price) or the
 * reviewer who approved it (the review fee). A task has at most one payout
 * of each role; the task becomes PAID with its FREELANCER payout, the
 * reviewer's is independent.
 */
export const PAYEE_ROLES = ['FREELANCER', 'REVIEWER'] as const;

export type PayeeRole = (typeof PAYEE_ROLES)[number];

/**
 * The idempotency key of a payout's transfer. Payout ids are unique, and the
 * role is in the key too, so a reviewer's transfer can never be answered with
 * a freelancer's stored one (or the other way round).
 */
export function payoutTransferKey(payoutId: string, payeeRole: PayeeRole): string {
  return payeeRole === 'REVIEWER' ? `reviewer-payout:${payoutId}` : `payout:${payoutId}`;
}
