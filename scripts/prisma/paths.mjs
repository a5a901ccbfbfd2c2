import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const SCHEMA_PATH = join(ROOT_DIR, 'prisma', 'schema.prisma');
export const MIGRATIONS_DIR = join(ROOT_DIR, 'prisma', 'migrations');
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/switchyard';
