export * from './embedded-postgres';
export * from './data-dir-lock';
export * from './data-source-options';
export * from './database.module';
export * from './transaction';
export * from './domain-events';
export { MIGRATIONS } from './migrations';
export * from './migrate';
export * from './log-redaction';
