import { Prisma } from './generated/client';

const PRISMA_UNIQUE_VIOLATION = 'P2002';
const PG_UNIQUE_VIOLATION = '23505';

interface DriverErrorCause {
  originalCode?: string;
  kind?: string;
  constraint?: { index?: string; fields?: string[] };
}

/**
 * True when `err` is a unique-constraint violation: Prisma's P2002 from model queries, or
 * Postgres's 23505 from raw queries (Prisma reports those as P2010). Pass `constraint` (the index
 * name, e.g. 'ledger_entries_request_id_key') to match one constraint only.
 * The database's unique constraints are what make debits and admin operations exactly-once,
 * so callers usually treat this as "already done", not as a failure.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = driverErrorCause(err);
  const unique =
    err.code === PRISMA_UNIQUE_VIOLATION ||
    cause?.originalCode === PG_UNIQUE_VIOLATION ||
    cause?.kind === 'UniqueConstraintViolation';
  if (!unique || constraint === undefined) return unique;
  return cause?.constraint?.index === constraint;
}

/** With driver adapters, Prisma keeps the database's own error under meta.driverAdapterError.cause. */
function driverErrorCause(err: Prisma.PrismaClientKnownRequestError): DriverErrorCause | undefined {
  const adapterError = err.meta?.['driverAdapterError'] as { cause?: DriverErrorCause } | undefined;
  return adapterError?.cause;
}
