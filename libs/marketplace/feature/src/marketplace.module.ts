import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@splitwork/identity';
import { PaymentsModule } from '@splitwork/payments';
import { PlanningModule } from '@splitwork/planning';
import { AppealEntity } from './appeal.entity';
import { AppealResolver } from './appeal.resolver';
import { AppealService } from './appeal.service';
import { EligibilityService } from './eligibility.service';
import { EstimateCalibrationProvider } from './estimate-calibration.provider';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { MarketplaceResolver, ProjectTasksResolver } from './marketplace.resolver';
import { AssignmentRecordEntity } from './assignment-record.entity';
import { ReputationResolver } from './reputation.resolver';
import { ReputationService } from './reputation.service';
import { ReviewEntity } from './review.entity';
import { ReviewService } from './review.service';
import { SubmissionEntity } from './submission.entity';
import { TaskBoardService } from './task-board.service';
import { TaskBrowseResolver } from './task-browse.resolver';
import { TaskBrowseService } from './task-browse.service';
import { TaskControlsResolver } from './task-controls.resolver';
import { TaskControlsService } from './task-controls.service';
import { TaskEventsResolver } from './task-events.resolver';
import { TaskEventsService } from './task-events.service';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      TaskEntity,
      SubmissionEntity,
      ReviewEntity,
      FreelancerProfileEntity,
      AssignmentRecordEntity,
      AppealEntity,
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
  ],
  exports: [TaskBoardService, ReviewService],
})
export class MarketplaceModule {}
