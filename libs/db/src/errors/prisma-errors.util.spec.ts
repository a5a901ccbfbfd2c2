import { Prisma } from '../generated/client';
import {
  databaseFaultOf,
  isForeignKeyViolation,
  isNotNullViolation,
  isSerializationFailure,
  isUniqueViolation,
} from './prisma-errors.util';

// The shapes Prisma 7 throws through @prisma/adapter-pg (recorded from a real Postgres; the
// int-spec beside this file provokes each one), and pg's own DatabaseError.
function knownError(code: string, driverCause?: object): Prisma.PrismaClientKnownRequestError {
  const meta = driverCause ? { driverAdapterError: { name: 'DriverAdapterError', cause: driverCause } } : undefined;
  return new Prisma.PrismaClientKnownRequestError('failed', { code, clientVersion: '7.10.0', meta });
}

/** A failed raw query: P2010 carrying the SQLSTATE. */
const rawQueryError = (sqlState: string) => knownError('P2010', { originalCode: sqlState, kind: 'postgres' });

/** What pg itself throws (a DatabaseError: name 'error', a severity, the SQLSTATE as code). */
const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error('pg failed'), { name: 'error', severity: 'ERROR', code, constraint });

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
    expect(isUniqueViolation(pgError('23505', 'api_keys_key_hash_key'), 'api_keys_key_hash_key')).toBe(true);
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

describe(isForeignKeyViolation.name, () => {
  it.each([
    ['a model query (P2003)', knownError('P2003', { originalCode: '23503', kind: 'ForeignKeyConstraintViolation' })],
    ['a raw query (SQLSTATE 23503)', rawQueryError('23503')],
    ['pg (SQLSTATE 23503)', pgError('23503')],
  ])('recognises %s', (_what, err) => {
    expect(isForeignKeyViolation(err)).toBe(true);
  });

  it.each([knownError('P2002', duplicateKeyHash), rawQueryError('23502'), new Error('boom'), null])(
    'rejects %p',
    (err) => {
      expect(isForeignKeyViolation(err)).toBe(false);
    },
  );
});

describe(isNotNullViolation.name, () => {
  it('recognises SQLSTATE 23502 from a raw query and from pg', () => {
    expect(isNotNullViolation(rawQueryError('23502'))).toBe(true);
    expect(isNotNullViolation(pgError('23502'))).toBe(true);
    expect(isNotNullViolation(rawQueryError('23503'))).toBe(false);
  });
});

describe(isSerializationFailure.name, () => {
  it.each(['40001', '40P01'])('retries SQLSTATE %s from a raw query', (state) => {
    expect(isSerializationFailure(rawQueryError(state))).toBe(true);
  });

  it("retries Prisma's write-conflict code", () => {
    expect(isSerializationFailure(knownError('P2034'))).toBe(true);
  });

  it.each([rawQueryError('23503'), new Error('boom'), null, 'text'])('does not retry %p', (err) => {
    expect(isSerializationFailure(err)).toBe(false);
  });
});

describe(databaseFaultOf.name, () => {
  it('finds the database error under the errors that wrap it', () => {
    const wrapped = new Error('debit failed', { cause: new Error('batch failed', { cause: rawQueryError('23503') }) });
    expect(databaseFaultOf(wrapped)).toEqual({
      prismaCode: 'P2010',
      sqlState: '23503',
      kind: 'postgres',
      constraint: undefined,
    });
    expect(isForeignKeyViolation(wrapped)).toBe(true);
  });

  it('ignores errors that only look like codes', () => {
    expect(databaseFaultOf(Object.assign(new Error('x'), { code: '23505' }))).toBeUndefined();
    expect(databaseFaultOf('23505')).toBeUndefined();
  });
});
