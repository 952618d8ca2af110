export * from './planning.module';
export * from './target-platform';
export { ProjectService } from './project.service';
export { ProjectFundingGateway } from './project-funding.gateway';
export type { ProjectFundedListener } from './project-funding.gateway';
export { ProjectEntity } from './project.entity';
export { planSettingsOf } from './project-settings';
export { ProjectModel } from './dto/project.model';
