export * from './planning.module';
export * from './target-platform';
export { ProjectService } from './project.service';
export { ProjectFundingGateway } from './project-funding.gateway';
export { ProjectModel } from './dto/project.model';
