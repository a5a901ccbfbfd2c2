export * from './ledger.types';
export * from './ledger.service';
export * from './usage-owner-not-found.error';
export * from './ledger-entry.types';
export * from './admin-posting.util';
export * from './ledger-query.service';
export * from './reconciliation.types';
export * from './reconciliation.service';
