export * from './graphql-client';
export * from './test-env';
export * from './unique';
export * from './fake-openai-server';
export * from './fake-stripe-server';
export * from './test-smtp-server';
