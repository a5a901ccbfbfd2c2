import { type Flags, optional, required } from '../cli-args.util';
import { type Command, show } from './command.types';

interface FailedEvent {
  jobId: string;
  teamId: string | null;
  requestId: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

interface AuditRecord {
  id: string;
  createdAt: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
}

interface AdminToken {
  id: string;
  name: string;
  scope: string;
  teamId: string | null;
  revokedAt: string | null;
  token?: string;
}

/** The given flags as query parameters (`--team` is the API's `teamId`). */
const pageQuery = (flags: Flags, names: string[]) =>
  new URLSearchParams(
    names.flatMap((name) => {
      const value = optional(flags, name);
      return value ? [[name === 'team' ? 'teamId' : name, value] as [string, string]] : [];
    }),
  );

export const failedEventsList: Command = async (ctx) => {
  const page = await ctx.client.request<{ total: number; events: FailedEvent[] }>(
    'GET',
    `/billing/failed-events?${pageQuery(ctx.flags, ['offset', 'limit'])}`,
  );
  show(ctx, page, ({ total, events }) => [
    ...events.map(
      (e) => `${e.jobId}  ${e.failedAt ?? '-'}  team ${e.teamId ?? '-'}  attempts ${e.attemptsMade}  ${e.failedReason}`,
    ),
    `${total} failed event(s)`,
  ]);
  return 0;
};

/** Back to the queue: billing applies it once (an event already billed is not billed again). */
export const failedEventsReplay: Command = async (ctx) => {
  const job = await ctx.client.request<FailedEvent>(
    'POST',
    `/billing/failed-events/${encodeURIComponent(required(ctx.flags, 'job'))}/replay`,
  );
  show(ctx, job, (e) => [`replayed ${e.jobId} (request ${e.requestId ?? '-'})`]);
  return 0;
};

export const auditLog: Command = async (ctx) => {
  const records = await ctx.client.request<AuditRecord[]>(
    'GET',
    `/audit-log?${pageQuery(ctx.flags, ['team', 'limit'])}`,
  );
  show(ctx, records, (list) =>
    list.map((r) => `${r.id.padStart(8)}  ${r.createdAt}  ${r.actor}  ${r.action}  ${r.targetType} ${r.targetId}`),
  );
  return 0;
};

const describeToken = (t: AdminToken) =>
  `${t.id}  ${t.scope.padEnd(5)}  ${t.teamId ? `team ${t.teamId}` : 'every team'}  ${t.name}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}`;

export const adminTokenCreate: Command = async (ctx) => {
  const body = {
    name: required(ctx.flags, 'name'),
    scope: required(ctx.flags, 'scope'),
    teamId: optional(ctx.flags, 'team'),
  };
  const token = await ctx.client.request<AdminToken>('POST', '/admin-tokens', { body });
  show(ctx, token, (t) => [
    `created admin token ${describeToken(t)}. Store it now, it is not shown again:`,
    t.token ?? '',
  ]);
  return 0;
};

export const adminTokenList: Command = async (ctx) => {
  const tokens = await ctx.client.request<AdminToken[]>('GET', '/admin-tokens');
  show(ctx, tokens, (list) => list.map(describeToken));
  return 0;
};

export const adminTokenRevoke: Command = async (ctx) => {
  const token = await ctx.client.request<AdminToken>('POST', `/admin-tokens/${required(ctx.flags, 'token-id')}/revoke`);
  show(ctx, token, (t) => [`revoked admin token ${describeToken(t)}`]);
  return 0;
};
