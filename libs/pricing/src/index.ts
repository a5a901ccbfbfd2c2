export * from './rates-for.util';
export * from './token-cost.util';
