/**
 * The one place that reads what the database said. Prisma and pg report a failed statement in
 * three shapes; these predicates know all of them, so callers ask "was it a unique violation?"
 * and never parse codes themselves:
 * - a model query: PrismaClientKnownRequestError with Prisma's code (P2002, P2003, P2034);
 * - a raw query ($queryRaw/$executeRaw): PrismaClientKnownRequestError P2010, the SQLSTATE kept
 *   at meta.driverAdapterError.cause.originalCode (@prisma/adapter-pg);
 * - a query through pg itself: pg's DatabaseError, the SQLSTATE in `code`.
 * Errors are recognised by shape and name, not instanceof, so one predicate covers Prisma's classes
 * and pg's alike. Only billing's libraries (libs/ledger, libs/admin) write to Postgres and so meet
 * these errors; the gateway's SQL (key lookup, balance load) only reads, and cannot import libs/db.
 */

/** The SQLSTATEs Switchyard reacts to (PostgreSQL manual, appendix A). */
export const SQLSTATE = {
  NOT_NULL_VIOLATION: '23502',
  FOREIGN_KEY_VIOLATION: '23503',
  UNIQUE_VIOLATION: '23505',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
} as const;

/** Prisma's codes for the same conditions on model queries. */
const PRISMA_CODE = { UNIQUE: 'P2002', FOREIGN_KEY: 'P2003', WRITE_CONFLICT: 'P2034' } as const;

/** What the database reported, whatever the shape it came in. */
export interface DatabaseFault {
  prismaCode?: string;
  sqlState?: string;
  /** The driver adapter's name for the condition, e.g. 'UniqueConstraintViolation'. */
  kind?: string;
  /** The violated constraint (index) name, when the driver said. */
  constraint?: string;
}

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  meta?: { driverAdapterError?: { cause?: DriverCause } };
  cause?: unknown;
}

interface DriverCause {
  originalCode?: unknown;
  kind?: unknown;
  constraint?: { index?: unknown };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const SQLSTATE_FORMAT = /^[0-9A-Z]{5}$/;

function faultOf(err: ErrorShape): DatabaseFault | undefined {
  if (err.name === 'PrismaClientKnownRequestError' && typeof err.code === 'string') {
    const cause = err.meta?.driverAdapterError?.cause;
    return {
      prismaCode: err.code,
      sqlState: str(cause?.originalCode),
      kind: str(cause?.kind),
      constraint: str(cause?.constraint?.index),
    };
  }
  // pg's DatabaseError: a server error always has a severity and a five-character code.
  if (typeof err.severity === 'string' && typeof err.code === 'string' && SQLSTATE_FORMAT.test(err.code))
    return { sqlState: err.code, constraint: str(err.constraint) };
  return undefined;
}

/**
 * The database's report in `err`, or in the error it wraps (`cause`, a few levels deep: a
 * transaction or a domain error may carry the original). Undefined for anything else.
 */
export function databaseFaultOf(err: unknown): DatabaseFault | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const fault = faultOf(current as ErrorShape);
    if (fault) return fault;
    current = (current as ErrorShape).cause;
  }
  return undefined;
}

/** One condition, in each of the ways it can be reported. */
interface Condition {
  prismaCode?: string;
  sqlStates: readonly string[];
  kind?: string;
}

const UNIQUE: Condition = {
  prismaCode: PRISMA_CODE.UNIQUE,
  sqlStates: [SQLSTATE.UNIQUE_VIOLATION],
  kind: 'UniqueConstraintViolation',
};
const FOREIGN_KEY: Condition = {
  prismaCode: PRISMA_CODE.FOREIGN_KEY,
  sqlStates: [SQLSTATE.FOREIGN_KEY_VIOLATION],
  kind: 'ForeignKeyConstraintViolation',
};
const NOT_NULL: Condition = { sqlStates: [SQLSTATE.NOT_NULL_VIOLATION] };
const RETRIABLE: Condition = {
  prismaCode: PRISMA_CODE.WRITE_CONFLICT,
  sqlStates: [SQLSTATE.SERIALIZATION_FAILURE, SQLSTATE.DEADLOCK_DETECTED],
};

/** The fault in `err` when it is `condition`, else undefined. */
function faultIf(err: unknown, condition: Condition): DatabaseFault | undefined {
  const fault = databaseFaultOf(err);
  if (fault === undefined) return undefined;
  const matches =
    (condition.prismaCode !== undefined && fault.prismaCode === condition.prismaCode) ||
    (fault.sqlState !== undefined && condition.sqlStates.includes(fault.sqlState)) ||
    (condition.kind !== undefined && fault.kind === condition.kind);
  return matches ? fault : undefined;
}

/**
 * A unique-constraint violation. Pass `constraint` (the index name, e.g.
 * 'ledger_entries_request_id_key') to match that constraint only. The database's unique
 * constraints are what make debits and admin operations exactly-once, so callers usually treat
 * this as "already done", not as a failure.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const fault = faultIf(err, UNIQUE);
  return fault !== undefined && (constraint === undefined || fault.constraint === constraint);
}

/** A foreign key found no row: the statement named a team, key or request that does not exist. */
export function isForeignKeyViolation(err: unknown): boolean {
  return faultIf(err, FOREIGN_KEY) !== undefined;
}

/** A NOT NULL column got a null (a statement may provoke one on purpose to refuse a write). */
export function isNotNullViolation(err: unknown): boolean {
  return faultIf(err, NOT_NULL) !== undefined;
}

/**
 * Postgres aborted the transaction for a serialization failure or a deadlock (Prisma: write
 * conflict): it did nothing, and running it again can succeed.
 */
export function isSerializationFailure(err: unknown): boolean {
  return faultIf(err, RETRIABLE) !== undefined;
}
