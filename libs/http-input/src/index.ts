export * from './client-request-id.util';
