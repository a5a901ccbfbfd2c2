export * from './api-key-view.types';
export * from './api-key.service';
export * from './admin-actor.types';
export * from './admin-audit.util';
export * from './admin-token-format.util';
export * from './admin-token.service';
export * from './team.service';
export * from './admin-session.service';
