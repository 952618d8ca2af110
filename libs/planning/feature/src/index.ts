export * from './planning.module';
export * from './target-platform';
export { ProjectService } from './project.service';
export { ProjectFundingGateway } from './project-funding.gateway';
export { ProjectCancelled, ProjectFunded } from './project.events';
export { PlanningRunFailed, PlanningRunSucceeded } from './planning-run.events';
export type { ProjectSummary } from './project.repository';
export { ProjectEntity } from './project.entity';
export { planSettingsOf } from './project-settings';
export { ProjectModel } from './dto/project.model';
export { EstimateCalibrationSource } from './estimate-calibration.source';
export type {
  CalibrationFactorSample,
  EstimateCalibration,
  EstimateCalibrationProvider,
} from './estimate-calibration.source';
export { describePlanner, PLANNER } from './planner.provider';
