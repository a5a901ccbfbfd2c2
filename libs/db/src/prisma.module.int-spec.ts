import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PrismaModule } from './prisma.module';
import { PrismaService } from './prisma.service';

// Real: Postgres (this run's database). Nothing faked.
const DATABASE_URL_TOKEN = 'DATABASE_URL';

@Module({
  providers: [{ provide: DATABASE_URL_TOKEN, useFactory: () => process.env.DATABASE_URL }],
  exports: [DATABASE_URL_TOKEN],
})
class ConfigStubModule {}

describe(PrismaModule.name, () => {
  it('provides a connected PrismaService from forRootAsync and disconnects on close', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PrismaModule.forRootAsync({
          imports: [ConfigStubModule],
          inject: [DATABASE_URL_TOKEN],
          useFactory: (databaseUrl: string) => ({ databaseUrl, poolSize: 2 }),
        }),
      ],
    }).compile();
    const app = await moduleRef.init();
    const prisma = app.get(PrismaService);

    expect(await prisma.$queryRaw<{ ok: number }[]>`SELECT 1::int AS ok`).toEqual([{ ok: 1 }]);
    expect(await prisma.team.count({ where: { name: 'no such team' } })).toBe(0);
    await app.close();
  });

  it('provides PrismaService from forRoot', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PrismaModule.forRoot({ databaseUrl: process.env.DATABASE_URL ?? '' })],
    }).compile();
    const app = await moduleRef.init();
    expect(await app.get(PrismaService).$queryRaw<{ ok: number }[]>`SELECT 1::int AS ok`).toEqual([{ ok: 1 }]);
    await app.close();
  });
});
