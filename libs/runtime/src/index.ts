export * from './core.module';
export * from './request-log';
