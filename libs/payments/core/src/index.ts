export * from './ledger-account';
export * from './ledger';
export * from './fee-policy';
export * from './funding';
export * from './payout-state';
export * from './provider-error';
export * from './stripe-event-mapper';
export * from './payments.errors';
