export * from './graphql-client';
export * from './test-env';
export * from './unique';
