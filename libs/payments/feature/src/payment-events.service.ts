import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertUnreachable } from '@splitwork/kernel';
import { mapStripeEvent, StripeEventLike } from '@splitwork/payments-core';
import { FundingService } from './funding.service';
import { OnboardingService } from './onboarding.service';
import { PaymentEventRepository } from './payment-event.repository';

export type EventOutcome = 'handled' | 'duplicate' | 'ignored';

/** Applies verified provider events: each event id once, in any order. */
@Injectable()
export class PaymentEventsService {
  private readonly logger = new Logger('PaymentEvents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funding: FundingService,
    private readonly onboarding: OnboardingService,
    private readonly events: PaymentEventRepository,
  ) {}

  async handle(event: StripeEventLike): Promise<EventOutcome> {
    const command = mapStripeEvent(event);
    switch (command.kind) {
      case 'FUNDING_SUCCEEDED':
      case 'FUNDING_FAILED':
        return this.dataSource.transaction(async (manager) => {
          // Recorded in the same transaction as its effect: a replay finds it and does nothing.
          if (!(await this.record(event, manager))) return 'duplicate';
          if (command.kind === 'FUNDING_SUCCEEDED') await this.funding.succeeded(command, manager);
          else await this.funding.failed(command, manager);
          return 'handled';
        });
      case 'ACCOUNT_UPDATED': {
        // Order does not matter: the account's current state is fetched, whatever the event said.
        // An account able to receive transfers releases the payee's waiting payouts
        // (PayoutAccountReady, payout-release.flow.ts).
        await this.onboarding.refresh(command.accountId);
        return this.dataSource.transaction(async (manager) =>
          (await this.record(event, manager)) ? 'handled' : 'duplicate',
        );
      }
      case 'TRANSFER_REVERSED':
      case 'CHARGE_REFUNDED':
      case 'IGNORED':
        this.logger.log(
          { eventId: event.id, type: event.type },
          'payment event recorded without effect',
        );
        return this.dataSource.transaction(async (manager) =>
          (await this.record(event, manager)) ? 'ignored' : 'duplicate',
        );
      default:
        return assertUnreachable(command);
    }
  }

  private record(event: StripeEventLike, manager: EntityManager): Promise<boolean> {
    return this.events.recordOnce(event.id, event.type, manager);
  }
}
