import { Prisma } from '@switchyard/db';
import { retryTransaction } from './retry-transaction.util';

/** The shape Prisma 7 with @prisma/adapter-pg gives a failed raw query (which failures are retried: libs/db's spec). */
function rawQueryError(sqlState: string): Error {
  return new Prisma.PrismaClientKnownRequestError('Raw query failed', {
    code: 'P2010',
    clientVersion: '7.10.0',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: sqlState, kind: 'postgres' } } },
  });
}

describe(retryTransaction.name, () => {
  it('runs again after a deadlock and returns the result', async () => {
    const run = jest.fn().mockRejectedValueOnce(rawQueryError('40P01')).mockResolvedValueOnce('done');
    await expect(retryTransaction(run)).resolves.toBe('done');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('gives up after the given number of attempts', async () => {
    const run = jest.fn().mockRejectedValue(rawQueryError('40001'));
    await expect(retryTransaction(run, 3)).rejects.toMatchObject({ code: 'P2010' });
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('does not retry other failures', async () => {
    const run = jest.fn().mockRejectedValue(rawQueryError('23505'));
    await expect(retryTransaction(run)).rejects.toMatchObject({ code: 'P2010' });
    expect(run).toHaveBeenCalledTimes(1);
  });
});
