import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@splitwork/identity';
import { EstimateCalibrationSource } from './estimate-calibration.source';
import { PlanRepository } from './plan.repository';
import { PlanResolver } from './plan.resolver';
import { PlanService } from './plan.service';
import { plannerProvider } from './planner.provider';
import { PlanningEvents } from './planning-events';
import { PlanningRunEntity } from './planning-run.entity';
import { PlanningRunRepository } from './planning-run.repository';
import { PlanningRunResolver } from './planning-run.resolver';
import { PlanningRunService } from './planning-run.service';
import { ProjectPlanEntity } from './project-plan.entity';
import { ProjectEntity } from './project.entity';
import { ProjectFundingGateway } from './project-funding.gateway';
import { ProjectRepository } from './project.repository';
import { ProjectResolver } from './project.resolver';
import { ProjectService } from './project.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProjectEntity, PlanningRunEntity, ProjectPlanEntity]),
    IdentityModule,
  ],
  providers: [
    plannerProvider,
    ProjectRepository,
    PlanningRunRepository,
    PlanRepository,
    PlanningEvents,
    ProjectService,
    PlanningRunService,
    PlanService,
    ProjectResolver,
    PlanningRunResolver,
    PlanResolver,
    ProjectFundingGateway,
    EstimateCalibrationSource,
  ],
  exports: [ProjectService, PlanService, ProjectFundingGateway, EstimateCalibrationSource],
})
export class PlanningModule {}
