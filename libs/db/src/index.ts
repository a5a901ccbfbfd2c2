// The only door to the generated Prisma client: models, enums, the Prisma namespace, PrismaClient.
export * from './generated/client';
export * from './prisma.types';
export * from './prisma.constants';
export * from './prisma-client.util';
export * from './prisma.service';
export * from './prisma.module';
export * from './errors/prisma-errors.util';
