// The pure rules of notifications: no Nest, TypeORM or I/O (unit-tested in __tests__).
export * from './notification-kind';
export * from './notification-rendering';
export * from './unsubscribe-token';
export * from './email-delivery';
