export * from './start-tracing';
export { isTracing } from './tracing-state';
export * from './spans.util';
export * from './span-attributes.constants';
export type { Link } from '@opentelemetry/api';
