import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@splitwork/identity';
import { PaymentsModule } from '@splitwork/payments';
import { PlanningModule } from '@splitwork/planning';
import { AppealEntity } from './appeal.entity';
import { AppealResolver } from './appeal.resolver';
import { AppealRepository } from './appeal.repository';
import { AppealService } from './appeal.service';
import { AssignmentRecordRepository } from './assignment-record.repository';
import { AutoAssignRepository } from './auto-assign.repository';
import { AutoAssignResolver } from './auto-assign.resolver';
import { AutoAssignService } from './auto-assign.service';
import { ClaimContextRepository } from './claim-context.repository';
import { EligibilityService } from './eligibility.service';
import { EstimateCalibrationProvider } from './estimate-calibration.provider';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { MatchmakingService } from './matchmaking.service';
import { MarketplacePolicies } from './marketplace-policies';
import { ProfileRepository } from './profile.repository';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import { TalentPoolRepository } from './talent-pool.repository';
import { ProfileService } from './profile.service';
import { MarketplaceResolver, ProjectTasksResolver } from './marketplace.resolver';
import { AssignmentRecordEntity } from './assignment-record.entity';
import { ReputationResolver } from './reputation.resolver';
import { ReputationService } from './reputation.service';
import { ReviewEntity } from './review.entity';
import { ReviewRepository } from './review.repository';
import { ReviewerFinderRepository } from './reviewer-finder.repository';
import { ReviewerFinderResolver } from './reviewer-finder.resolver';
import { ReviewerFinderService } from './reviewer-finder.service';
import { ReviewService } from './review.service';
import { ReviewConflictRepository } from './review-conflict.repository';
import { ReviewerAccess } from './reviewer-access';
import { ReviewerProfileEntity } from './reviewer-profile.entity';
import { SubmissionEntity } from './submission.entity';
import { ReviewAuthorResolver } from './review-author.resolver';
import { TaskWorkResolver } from './task-work.resolver';
import { WorkVisibilityService } from './work-visibility.service';
import { TalentPoolResolver } from './talent-pool.resolver';
import { TalentPoolService } from './talent-pool.service';
import { TaskBoardService } from './task-board.service';
import { TaskBrowseResolver } from './task-browse.resolver';
import { TaskBrowseService } from './task-browse.service';
import { TaskControlsResolver } from './task-controls.resolver';
import { TaskControlsService } from './task-controls.service';
import { TaskEventsResolver } from './task-events.resolver';
import { TaskEventsService } from './task-events.service';
import { TaskOfferEntity } from './task-offer.entity';
import { TaskOfferRepository } from './task-offer.repository';
import { TaskOfferResolver } from './task-offer.resolver';
import { TaskOfferService } from './task-offer.service';
import { TaskEntity } from './task.entity';
import { TaskLifecycleFlow } from './task-lifecycle.flow';
import { TaskMessageRevisionEntity } from './task-message-revision.entity';
import { TaskMessageEntity } from './task-message.entity';
import { TaskMessageRepository } from './task-message.repository';
import { TaskThreadEventsService } from './task-thread-events.service';
import { TaskThreadFlow } from './task-thread.flow';
import { TaskThreadResolver } from './task-thread.resolver';
import { TaskThreadService } from './task-thread.service';
import { TaskFeedRepository } from './task-feed.repository';
import { TaskRepository } from './task.repository';
import { TaskDisputeEntity } from './task-dispute.entity';
import { TaskDisputeRepository } from './task-dispute.repository';
import { TaskDisputeResolver } from './task-dispute.resolver';
import { TaskDisputeService } from './task-dispute.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      TaskEntity,
      SubmissionEntity,
      ReviewEntity,
      FreelancerProfileEntity,
      ReviewerProfileEntity,
      AssignmentRecordEntity,
      AppealEntity,
      TaskOfferEntity,
      TaskDisputeEntity,
      TaskMessageEntity,
      TaskMessageRevisionEntity,
    ]),
    IdentityModule,
    PlanningModule,
    PaymentsModule,
  ],
  providers: [
    TaskRepository,
    TaskFeedRepository,
    ProfileRepository,
    ProjectReviewerRepository,
    ClaimContextRepository,
    TalentPoolRepository,
    ReviewRepository,
    AppealRepository,
    TaskOfferRepository,
    AutoAssignRepository,
    AssignmentRecordRepository,
    MarketplacePolicies,
    ProfileService,
    EligibilityService,
    TaskBoardService,
    ReviewService,
    ReviewConflictRepository,
    ReviewerAccess,
    MarketplaceResolver,
    ProjectTasksResolver,
    TaskBrowseService,
    TaskBrowseResolver,
    ReputationService,
    ReputationResolver,
    EstimateCalibrationProvider,
    TaskControlsService,
    TaskControlsResolver,
    AppealService,
    AppealResolver,
    TaskEventsService,
    TaskEventsResolver,
    TaskOfferService,
    TaskOfferResolver,
    TalentPoolService,
    TalentPoolResolver,
    MatchmakingService,
    AutoAssignService,
    AutoAssignResolver,
    TaskLifecycleFlow,
    TaskDisputeRepository,
    TaskDisputeService,
    TaskDisputeResolver,
    TaskMessageRepository,
    TaskThreadService,
    TaskThreadEventsService,
    TaskThreadResolver,
    TaskThreadFlow,
    WorkVisibilityService,
    TaskWorkResolver,
    ReviewAuthorResolver,
    ReviewerFinderRepository,
    ReviewerFinderService,
    ReviewerFinderResolver,
  ],
  exports: [
    TaskBoardService,
    TaskControlsService,
    ReviewService,
    TaskRepository,
    TaskThreadService,
  ],
})
export class MarketplaceModule {}
