import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@switchyard/testing';
import { useFundedStack } from '../support/funded-stack';

// Real: Claude Code (@anthropic-ai/claude-code's native binary, print mode, CLAUDE_CODE_BIN), the
// gateway and billing processes, Postgres, Redis. Simulated: the upstream behind gpt-4o-mini.
describe('Claude Code against the stack (opt-in)', () => {
  const e2e = useFundedStack(100_000_000n);

  it('answers a print-mode prompt through /v1/messages, and the team is debited', async () => {
    const bin = process.env.CLAUDE_CODE_BIN;
    if (!bin) throw new Error('Set CLAUDE_CODE_BIN to the claude binary (npm i @anthropic-ai/claude-code).');
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        bin,
        ['-p', 'Say hello in five words.', '--output-format', 'json'],
        {
          timeout: 90_000,
          env: {
            PATH: process.env.PATH,
            HOME: mkdtempSync(join(tmpdir(), 'claude-home-')),
            ANTHROPIC_BASE_URL: e2e.stack.gatewayUrl,
            ANTHROPIC_AUTH_TOKEN: e2e.team.apiKey,
            ANTHROPIC_MODEL: 'gpt-4o-mini',
            ANTHROPIC_SMALL_FAST_MODEL: 'gpt-4o-mini',
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
            DISABLE_AUTOUPDATER: '1',
          },
        },
        (err, out) => (out ? resolve(out) : reject(err)),
      );
      child.stdin?.end();
    });
    const result = JSON.parse(stdout) as { is_error: boolean; stop_reason: string; usage: { input_tokens: number } };
    expect(result).toMatchObject({ is_error: false, stop_reason: 'end_turn', type: 'result', subtype: 'success' });
    expect(result.usage.input_tokens).toBeGreaterThan(1_000);
    const where = { teamId: e2e.team.teamId, kind: 'usage' as const };
    await waitFor(async () => (await e2e.prisma.ledgerEntry.count({ where })) > 0, {
      timeoutMs: 20_000,
      describe: 'billing',
    });
    const records = await e2e.prisma.usageRecord.findMany({ where: { teamId: e2e.team.teamId } });
    const debits = await e2e.prisma.ledgerEntry.aggregate({ where, _sum: { amountMicro: true } });
    expect(-(debits._sum.amountMicro ?? 0n)).toBe(records.reduce((sum, r) => sum + r.costMicro, 0n));
  }, 120_000);
});
