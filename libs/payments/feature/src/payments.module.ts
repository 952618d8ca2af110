import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@splitwork/identity';
import { PlanningModule } from '@splitwork/planning';
import { CancellationService } from './cancellation.service';
import { ConnectedAccountEntity } from './connected-account.entity';
import { FundingEntity } from './funding.entity';
import { FundingRepository } from './funding.repository';
import { FundingService } from './funding.service';
import { LedgerBalancesResolver } from './ledger-balances.resolver';
import { LedgerRepository } from './ledger.repository';
import { OnboardingService } from './onboarding.service';
import { PaymentEventsService } from './payment-events.service';
import { PaymentsResolver, ProjectMoneyResolver } from './payments.resolver';
import { PayoutEntity } from './payout.entity';
import { PayoutRepository } from './payout.repository';
import { PayoutService } from './payout.service';
import { paymentProviderFactory } from './providers/payment-provider.factory';
import { PaymentEventRepository } from './payment-event.repository';
import { StripeWebhookController } from './stripe-webhook.controller';
import { OnboardingToken } from './onboarding-token';
import { PayoutOnboardingController } from './payout-onboarding.controller';
import { PayoutReleaseFlow } from './payout-release.flow';
import { TaskRefundService } from './task-refund.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([FundingEntity, ConnectedAccountEntity, PayoutEntity]),
    IdentityModule,
    PlanningModule,
  ],
  controllers: [StripeWebhookController, PayoutOnboardingController],
  providers: [
    paymentProviderFactory,
    LedgerRepository,
    FundingRepository,
    PayoutRepository,
    FundingService,
    OnboardingService,
    OnboardingToken,
    PayoutReleaseFlow,
    PayoutService,
    PaymentEventsService,
    PaymentEventRepository,
    CancellationService,
    TaskRefundService,
    PaymentsResolver,
    ProjectMoneyResolver,
    LedgerBalancesResolver,
  ],
  exports: [PayoutService, FundingService, LedgerRepository, TaskRefundService],
})
export class PaymentsModule {}
