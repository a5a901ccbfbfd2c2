/** Injection token for the PrismaClientOptions that PrismaModule.forRoot / forRootAsync provide. */
export const PRISMA_OPTIONS = Symbol('PRISMA_OPTIONS');
