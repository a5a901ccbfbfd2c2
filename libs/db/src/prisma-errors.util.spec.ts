import { Prisma } from './generated/client';
import { isUniqueViolation } from './prisma-errors.util';

// The shapes Prisma 7 throws through @prisma/adapter-pg (recorded from a real Postgres).
function knownError(code: string, driverCause?: object): Prisma.PrismaClientKnownRequestError {
  const meta = driverCause ? { driverAdapterError: { name: 'DriverAdapterError', cause: driverCause } } : undefined;
  return new Prisma.PrismaClientKnownRequestError('failed', { code, clientVersion: '7.10.0', meta });
}

const duplicateKeyHash = {
  originalCode: '23505',
  kind: 'UniqueConstraintViolation',
  constraint: { index: 'api_keys_key_hash_key' },
  table: 'api_keys',
};

describe(isUniqueViolation.name, () => {
  it('recognises P2002 from a model query', () => {
    expect(isUniqueViolation(knownError('P2002', duplicateKeyHash))).toBe(true);
  });

  it('recognises a duplicate key from a raw query (P2010 carrying SQLSTATE 23505)', () => {
    expect(isUniqueViolation(knownError('P2010', duplicateKeyHash))).toBe(true);
  });

  it('matches a named constraint only when that constraint was violated', () => {
    const err = knownError('P2002', duplicateKeyHash);
    expect(isUniqueViolation(err, 'api_keys_key_hash_key')).toBe(true);
    expect(isUniqueViolation(err, 'ledger_entries_request_id_key')).toBe(false);
  });

  it('rejects other database errors and non-Prisma errors', () => {
    expect(
      isUniqueViolation(knownError('P2003', { originalCode: '23503', kind: 'ForeignKeyConstraintViolation' })),
    ).toBe(false);
    expect(isUniqueViolation(knownError('P2010', { originalCode: '40001', kind: 'TransactionWriteConflict' }))).toBe(
      false,
    );
    expect(isUniqueViolation(Object.assign(new Error('duplicate'), { code: 'P2002' }))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
