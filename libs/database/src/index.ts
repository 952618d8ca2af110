export * from './embedded-postgres';
export * from './data-source-options';
export * from './database.module';
export * from './transaction';
export { MIGRATIONS } from './migrations';
export * from './migrate';
export * from './log-redaction';
