import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaClient } from './generated/client';
import { PRISMA_OPTIONS } from './prisma.constants';
import { createPgAdapter } from './prisma-client.util';
import type { PrismaClientOptions } from './prisma.types';

/** The Prisma client as a Nest provider: connects at module init, closes its pool on shutdown. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(PRISMA_OPTIONS) options: PrismaClientOptions) {
    super({ adapter: createPgAdapter(options) });
  }

  async onModuleInit(): Promise<void> {
    // Fail at boot, not on the first request, when Postgres is unreachable.
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
