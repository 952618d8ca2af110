export * from './job';
export * from './job-lease';
export * from './job-registry';
export * from './jobs.module';
