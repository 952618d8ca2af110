export * from './planning.module';
export * from './target-platform';
export { ProjectService } from './project.service';
