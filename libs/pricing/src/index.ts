export * from './rates-for.util';
export * from './token-cost.util';
export * from './embedding-cost.util';
