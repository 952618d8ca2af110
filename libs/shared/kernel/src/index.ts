export * from './error-code';
export * from './domain-error';
export * from './money';
export * from './clock';
export * from './ids';
export * from './batcher';
export * from './role';
