export type AdminScope = 'read' | 'write';

/** Who is calling the admin API: an admin token, or a system actor (token id null). */
export interface AdminActor {
  tokenId: string | null;
  name: string;
}

/** An accepted admin token: its scope, and its team when it is scoped to one (null = every team). */
export interface AdminPrincipal extends AdminActor {
  tokenId: string;
  scope: AdminScope;
  teamId: string | null;
}

/** One audited mutation; written in the same transaction as the change itself. */
export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  teamId: string | null;
  before: unknown;
  after: unknown;
}
