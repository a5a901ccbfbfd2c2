import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './e2e-fixtures';
import { startE2eStack, type E2eStack, type E2eStackOptions } from './e2e-stack';

/** The stack of one spec file, its Prisma client and one team with credits; the fields are set once beforeAll ran. */
export interface FundedStack {
  stack: E2eStack;
  prisma: PrismaClient;
  team: TeamFixture;
}

/**
 * Registers the beforeAll that starts the stack and funds a team with `grantMicro`, and the afterAll that stops it:
 * call it inside the describe, where the spec's own hooks would stand. `gatewayEnv` may be a function, read when
 * the stack starts (after the spec's earlier beforeAll, e.g. one that starts a fake upstream).
 */
export function useFundedStack(
  grantMicro: bigint,
  gatewayEnv: Record<string, string> | (() => Record<string, string>) = {},
  options: E2eStackOptions = {},
): FundedStack {
  const e2e = {} as FundedStack;
  beforeAll(async () => {
    e2e.prisma = createTestPrisma();
    e2e.stack = await startE2eStack(typeof gatewayEnv === 'function' ? gatewayEnv() : gatewayEnv, options);
    e2e.team = await createTeam(e2e.prisma, { grantMicro });
  }, 90_000);
  afterAll(async () => {
    await e2e.stack?.stop();
    await e2e.prisma?.$disconnect();
  });
  return e2e;
}
