import { Module } from '@nestjs/common';
import { IdentityModule } from '@splitwork/identity';
import { MarketplaceModule } from '@splitwork/marketplace';
import { NotificationsModule } from '@splitwork/notifications';
import { CancellationFlow } from './cancellation.flow';
import { FundingFlow } from './funding.flow';
import { NotificationReminders } from './notification-reminders';
import { NotificationsFlow } from './notifications.flow';
import { SettlementFlow } from './settlement.flow';

/** The flows that cross bounded contexts, one file each. */
@Module({
  imports: [IdentityModule, MarketplaceModule, NotificationsModule],
  providers: [
    FundingFlow,
    SettlementFlow,
    CancellationFlow,
    NotificationReminders,
    NotificationsFlow,
  ],
})
export class FlowsModule {}
