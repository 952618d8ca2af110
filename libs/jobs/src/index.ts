export * from './job';
export * from './job-registry';
export * from './jobs.module';
