export * from './credit-holds';
export * from './credit-leases';
export * from './credit-holds.types';
export * from './pg-credit-account.loader';
export * from './per-request-holds';
export * from './credit-change.constants';
export * from './credit-change.publisher';
export * from './credit-change.subscriber';
