import { formatCredits } from '@switchyard/contracts';
import { idempotencyKeyOf, microOf, optional, required } from '../cli-args.util';
import { type Command, type CommandContext, show } from './command.types';

interface Entry {
  id: string;
  kind: string;
  amountMicro: string;
  balanceAfterMicro: string;
}

async function post(ctx: CommandContext, path: string, body: Record<string, unknown>): Promise<number> {
  const idempotencyKey = idempotencyKeyOf(ctx.flags);
  const posted = await ctx.client.request<{ entry: Entry }>(
    'POST',
    `/teams/${required(ctx.flags, 'team')}/credits/${path}`,
    { body, idempotencyKey },
  );
  show(ctx, { ...posted, idempotencyKey }, ({ entry }) => [
    `${entry.kind} ${formatCredits(BigInt(entry.amountMicro))} credits: entry ${entry.id}, balance ${formatCredits(BigInt(entry.balanceAfterMicro))} (Idempotency-Key ${idempotencyKey})`,
  ]);
  return 0;
}

export const grant: Command = (ctx) =>
  post(ctx, 'grants', { amountMicro: microOf(ctx.flags, 'credits'), memo: optional(ctx.flags, 'memo') });

export const adjust: Command = (ctx) =>
  post(ctx, 'adjustments', { amountMicro: microOf(ctx.flags, 'credits'), memo: required(ctx.flags, 'memo') });

export const refund: Command = (ctx) =>
  post(ctx, 'refunds', { requestId: required(ctx.flags, 'request'), memo: optional(ctx.flags, 'memo') });
