import { isRetriableTransactionError, retryTransaction } from './retry-transaction.util';

/** The shape Prisma 7 with @prisma/adapter-pg gives a failed raw query. */
function rawQueryError(sqlState: string): Error {
  return Object.assign(new Error('Raw query failed'), {
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: sqlState, kind: 'postgres' } } },
  });
}

describe(isRetriableTransactionError.name, () => {
  it.each(['40001', '40P01'])('retries SQLSTATE %s from a raw query', (state) => {
    expect(isRetriableTransactionError(rawQueryError(state))).toBe(true);
  });

  it("retries Prisma's write-conflict code", () => {
    expect(isRetriableTransactionError(Object.assign(new Error('conflict'), { code: 'P2034' }))).toBe(true);
  });

  it.each([rawQueryError('23503'), new Error('boom'), null, 'text'])('does not retry %p', (err) => {
    expect(isRetriableTransactionError(err)).toBe(false);
  });
});

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
