import { Module } from '@nestjs/common';
import { MarketplaceModule } from '@splitwork/marketplace';
import { CancellationFlow } from './cancellation.flow';
import { FundingFlow } from './funding.flow';
import { SettlementFlow } from './settlement.flow';

/** The flows that cross bounded contexts, one file each. */
@Module({
  imports: [MarketplaceModule],
  providers: [FundingFlow, SettlementFlow, CancellationFlow],
})
export class FlowsModule {}
