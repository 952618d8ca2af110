/**
 * Raised in the transaction that records a payee's connected account as able
 * to receive transfers (account.updated, onboarding, the return URL, an
 * admin's retry); payout-release.flow.ts queues the payouts waiting for it.
 */
export class PayoutAccountReady {
  constructor(readonly userId: string) {}
}
