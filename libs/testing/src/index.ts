export * from './app-process';
export * from './test-database';
export * from './private-servers';
export * from './raw-http';
export * from './latency-probe';
export * from './process-memory';
export * from './listening-address';
