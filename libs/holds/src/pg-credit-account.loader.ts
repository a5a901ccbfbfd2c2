import type { Pool } from 'pg';
import type { CreditAccountLoader } from './credit-holds.types';

// node-postgres hands bigint columns over as their exact decimal text; BigInt() keeps every micro-credit.
const LOAD = `SELECT balance_micro, last_entry_id FROM credit_accounts WHERE team_id = $1`;

/**
 * CreditHolds' cold balance load in plain SQL on a node-postgres pool (the gateway's only other
 * query besides the API key lookup; see PgApiKeyStore for why it avoids the Prisma client).
 */
export function pgCreditAccountLoader(pool: Pick<Pool, 'query'>): CreditAccountLoader {
  return async (teamId) => {
    const { rows } = await pool.query<{ balance_micro: string; last_entry_id: string }>(LOAD, [teamId]);
    const row = rows[0];
    return row ? { balanceMicro: BigInt(row.balance_micro), lastEntryId: BigInt(row.last_entry_id) } : null;
  };
}
