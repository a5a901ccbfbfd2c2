import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import type { PrismaClientOptions } from './prisma.types';

/** The driver adapter every client in Switchyard runs on: node-postgres, no engine binary. */
export function createPgAdapter({ databaseUrl, poolSize }: PrismaClientOptions): PrismaPg {
  return new PrismaPg({ connectionString: databaseUrl, max: poolSize });
}

/** A client for scripts and tests; Nest apps get PrismaService from PrismaModule instead. */
export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: createPgAdapter({ databaseUrl, poolSize: options.poolSize }) });
}
