// The driver adapter factory the schema engine runs on: PrismaPg for the real database, plus our
// own shadow databases. PrismaPg's connectToShadowDb cannot be used as is: it builds the shadow
// config as `{ ...config, database }` (a connectionString would override `database`), and it drops
// the shadow database while its own pool still holds a connection, so the DROP fails.
// Connections come from `createMigrationPool`, whose client reports Postgres's internal "char"
// type as text: the engine reads catalog columns of that type, which adapter-pg does not map.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

class CatalogFriendlyClient extends pg.Client {
  // pg's hook for a result's column list; values of "char" already arrive as strings.
  _handleRowDescription(msg) {
    for (const field of msg.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    super._handleRowDescription(msg);
  }
}

export function createMigrationPool(pgConfig) {
  return new pg.Pool({ ...pgConfig, max: 2, Client: CatalogFriendlyClient });
}

/** `pool` serves the database the engine works on; shadow databases are created on its server. */
export function createMigrationAdapterFactory(pool, pgConfig) {
  const main = new PrismaPg(pool);
  return bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await pool.query(`CREATE DATABASE "${database}"`);
      const shadowPool = createMigrationPool({ ...pgConfig, database });
      const adapter = await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect();
      const closeShadowPool = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await closeShadowPool();
        await pool.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      };
      return adapter;
    },
  });
}
