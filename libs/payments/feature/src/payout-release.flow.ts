import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@splitwork/database';
import { PayoutAccountReady } from './payout-account.events';
import { PayoutService } from './payout.service';

/**
 * Payouts never stay stuck behind onboarding:
 *
 *   PayoutAccountReady (OnboardingService: a payee's account recorded as able
 *   to receive transfers — account.updated, simulated onboarding, the
 *   onboarding return URL, an admin's retry of a waiting payout)
 *     1. every payout waiting for that payee (freelancer or reviewer) is
 *        queued, in the same transaction
 */
@Injectable()
export class PayoutReleaseFlow implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly payouts: PayoutService,
  ) {}

  onModuleInit(): void {
    this.events.on(PayoutAccountReady, async ({ userId }, manager) => {
      await this.payouts.releaseWaiting(userId, manager);
    });
  }
}
