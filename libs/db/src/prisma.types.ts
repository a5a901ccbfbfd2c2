export interface PrismaClientOptions {
  /** Postgres connection string, e.g. postgresql://postgres@127.0.0.1:5432/switchyard */
  databaseUrl: string;
  /** Connections in this process's pool (pg's default is 10). */
  poolSize?: number;
}
