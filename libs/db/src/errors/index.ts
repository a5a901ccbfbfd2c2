// libs/db's second door: reading database errors, without loading the Prisma client (see prisma-errors.util.ts).
export * from './prisma-errors.util';
