export * from './app-process';
export * from './test-database';
export * from './private-servers';
export * from './scratch-database';
export * from './command-line-tool';
