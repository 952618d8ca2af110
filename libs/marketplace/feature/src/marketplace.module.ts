import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@splitwork/identity';
import { PaymentsModule } from '@splitwork/payments';
import { PlanningModule } from '@splitwork/planning';
import { AutoAssignResolver } from './auto-assign.resolver';
import { AutoAssignService } from './auto-assign.service';
import { EligibilityService } from './eligibility.service';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { MatchmakingService } from './matchmaking.service';
import { MarketplaceResolver, ProjectTasksResolver } from './marketplace.resolver';
import { ReviewEntity } from './review.entity';
import { ReviewService } from './review.service';
import { SubmissionEntity } from './submission.entity';
import { TalentPoolResolver } from './talent-pool.resolver';
import { TalentPoolService } from './talent-pool.service';
import { TaskBoardService } from './task-board.service';
import { TaskOfferEntity } from './task-offer.entity';
import { TaskOfferResolver } from './task-offer.resolver';
import { TaskOfferService } from './task-offer.service';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      TaskEntity,
      SubmissionEntity,
      ReviewEntity,
      FreelancerProfileEntity,
      TaskOfferEntity,
    ]),
    IdentityModule,
    PlanningModule,
    PaymentsModule,
  ],
  providers: [
    TaskRepository,
    EligibilityService,
    TaskBoardService,
    ReviewService,
    MarketplaceResolver,
    ProjectTasksResolver,
    TaskOfferService,
    TaskOfferResolver,
    TalentPoolService,
    TalentPoolResolver,
    MatchmakingService,
    AutoAssignService,
    AutoAssignResolver,
  ],
  exports: [TaskBoardService, ReviewService],
})
export class MarketplaceModule {}
