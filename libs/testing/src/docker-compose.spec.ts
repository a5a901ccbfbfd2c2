import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ServiceEnv } from '@switchyard/config';

// Docker cannot run in CI, so the shipped stack is checked as data: docker-compose.yml and the
// Dockerfile must describe the design (DESIGN §1) and point only at files the repo has.
// docker-compose-config.spec.ts has docker-compose's own parser read the file too.

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  volumes?: string[];
  stop_grace_period?: string;
}

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const exists = (path: string): boolean => existsSync(join(ROOT, path));

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const commandOf = (service: ComposeService): string => [service.command ?? []].flat().join(' ');
/** Per-app Node flags (config/node-args.json), which npm start and the bench use too. */
const NODE_ARGS = JSON.parse(read('config/node-args.json')) as Record<string, string[]>;
/** Variables every app process runs with (config/runtime-env.json), which npm start and the bench set too. */
const RUNTIME_ENV = JSON.parse(read('config/runtime-env.json')) as Record<string, string>;

/** Dockerfile instructions with line continuations joined and comments dropped. */
const dockerfile = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const dockerignore = read('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

/** What a `node …` command needs from the repo: a script as is, or the source of a dist/ file. */
function sourceOf(path: string): string {
  const compiled = /^dist\/(.+)\.js$/.exec(path);
  return compiled ? `${compiled[1]}.ts` : path;
}

describe('docker-compose.yml', () => {
  const APPS = ['simulator', 'billing', 'gateway'];

  it('defines postgres, redis, the migrate job and the three apps', () => {
    expect(Object.keys(services).sort()).toEqual(['billing', 'gateway', 'migrate', 'postgres', 'redis', 'simulator']);
  });

  it('runs Postgres 17 with a pg_isready healthcheck and a volume for its data', () => {
    expect(services.postgres.image).toBe('postgres:17');
    expect(services.postgres.healthcheck?.test).toContain('pg_isready');
    expect(services.postgres.volumes).toContainEqual(expect.stringMatching(/:\/var\/lib\/postgresql\/data$/));
  });

  it('runs Redis 7 with AOF on, noeviction, a healthcheck and a volume', () => {
    expect(services.redis.image).toBe('redis:7');
    expect(commandOf(services.redis)).toContain('--appendonly yes');
    expect(commandOf(services.redis)).toContain('--maxmemory-policy noeviction');
    expect(services.redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(services.redis.volumes).toContainEqual(expect.stringMatching(/:\/data$/));
  });

  it('runs migrate once: deploy the migrations, then seed, after Postgres is healthy', () => {
    const migrate = services.migrate;
    expect(commandOf(migrate)).toMatch(
      /node --experimental-wasm-modules --no-warnings scripts\/prisma-migrate\.mjs deploy && node dist\/prisma\/seed\.js$/,
    );
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it.each(['gateway', 'billing'])('starts %s only after migrate completed and Redis is healthy', (name) => {
    expect(services[name].depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('keeps the gateway usage spool on a volume the non-root user can write', () => {
    expect(services.gateway.volumes).toContain('gateway-spool:/app/var/usage-spool');
    expect(dockerfile).toContain('RUN mkdir -p /app/var/usage-spool && chown node:node /app/var/usage-spool');
  });

  it('publishes the gateway on 3000 and billing on 3001 of the host loopback only, keeping the simulator internal', () => {
    expect(services.gateway.ports).toEqual(['${GATEWAY_PORT:-3000}:3000']);
    expect(services.gateway.environment?.GATEWAY_PORT).toBe('3000');
    // The admin API mints credits and /metrics has no credentials: never on the host's network.
    expect(services.billing.ports).toEqual(['127.0.0.1:${BILLING_PORT:-3001}:3001']);
    expect(services.billing.environment?.BILLING_PORT).toBe('3001');
    // The apps listen on every interface of their container (their defaults are loopback-only).
    expect(services.gateway.environment?.GATEWAY_HOST).toBe('0.0.0.0');
    expect(services.billing.environment?.BILLING_HOST).toBe('0.0.0.0');
    expect(services.simulator.ports).toBeUndefined();
    // Reachable from other containers and the published ports, not only from their own loopback
    // (every app listens on 127.0.0.1 unless told otherwise).
    expect(services.simulator.environment?.SIMULATOR_HOST).toBe('0.0.0.0');
    expect(services.gateway.environment?.GATEWAY_HOST).toBe('0.0.0.0');
    expect(services.billing.environment?.BILLING_HOST).toBe('0.0.0.0');
  });

  it.each(APPS)(
    'runs %s from the shared image with its compiled entrypoint, its Node flags and a restart policy',
    (name) => {
      const service = services[name];
      expect(service.image).toBe('switchyard:local');
      expect(service.command).toEqual(['node', ...NODE_ARGS[name], `dist/apps/${name}/src/main.js`]);
      expect(exists(`apps/${name}/src/main.ts`)).toBe(true);
      expect(service.restart).toBe('unless-stopped');
    },
  );

  it.each([...APPS, 'migrate'])('wires %s to the other services by their names', (name) => {
    const env = services[name].environment ?? {};
    expect(new URL(String(env.DATABASE_URL)).host).toBe('postgres:5432');
    expect(String(env.REDIS_URL)).toBe('redis://redis:6379');
    expect(env.REDIS_PREFIX).toBe('sy');
    expect(env.SIMULATED_PROVIDER_URL).toBe(`http://simulator:${services.simulator.environment?.SIMULATOR_PORT}/v1`);
    expect(exists(String(env.CATALOG_PATH))).toBe(true);
  });

  it('requires ADMIN_TOKEN from the shell for billing, with no known default, and gives it to no other service', () => {
    expect(services.billing.environment?.ADMIN_TOKEN).toBe(
      "${ADMIN_TOKEN:?set ADMIN_TOKEN (24+ characters) for billing's admin API}",
    );
    for (const name of ['gateway', 'simulator', 'migrate'])
      expect(services[name].environment).not.toHaveProperty('ADMIN_TOKEN');
  });

  it('passes the gateway every provider key the catalog names, from the shell when set there', () => {
    const catalog = parse(read('config/catalog.yaml')) as { providers: Record<string, { api_key_env?: string }> };
    const keyNames = Object.values(catalog.providers).flatMap((p) => (p.api_key_env ? [p.api_key_env] : []));
    expect(keyNames.sort()).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
    for (const name of keyNames) expect(services.gateway.environment?.[name]).toBeNull();
  });

  it.each([
    ['gateway', 3000],
    ['billing', 3001],
  ])('checks %s on /health/ready and lets it drain for longer than SHUTDOWN_TIMEOUT_MS', (name, port) => {
    const service = services[name];
    expect(service.healthcheck?.test.join(' ')).toContain(`fetch('http://127.0.0.1:${port}/health/ready')`);
    const shutdownMs = Number(service.environment?.SHUTDOWN_TIMEOUT_MS ?? new ServiceEnv().SHUTDOWN_TIMEOUT_MS);
    const grace = /^(\d+)s$/.exec(service.stop_grace_period ?? '');
    expect(grace).not.toBeNull();
    // Headroom for closing Redis, Postgres and the queue after the drain.
    expect(Number(grace?.[1]) * 1000).toBeGreaterThanOrEqual(shutdownMs + 5_000);
  });

  it('names only scripts that exist, or dist/ files built from sources that exist', () => {
    const paths = Object.values(services).flatMap((service) =>
      [...commandOf(service).matchAll(/node (?:--[\w=.-]+ )*(\S+\.m?js)/g)].map((m) => m[1]),
    );
    expect(paths).toEqual(
      expect.arrayContaining(['scripts/prisma-migrate.mjs', 'dist/prisma/seed.js', 'dist/apps/gateway/src/main.js']),
    );
    expect(paths.map(sourceOf).filter((source) => !exists(source))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const stages = dockerfile.filter((line) => line.startsWith('FROM '));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf(stages[stages.length - 1]));

  it('builds every stage from the Node line the test suite runs on', () => {
    const [major, minor] = process.versions.node.split('.');
    expect(dockerfile).toContain(`ARG NODE_IMAGE=node:${major}.${minor}-bookworm-slim`);
    for (const stage of stages) expect(stage).toMatch(/^FROM (\$\{NODE_IMAGE\}|deps) AS \S+$/);
  });

  it('installs the locked dependencies, generates the Prisma client and builds with scripts/build.mjs', () => {
    expect(dockerfile).toContainEqual(expect.stringMatching(/^RUN npm install --ignore-scripts /));
    expect(dockerfile).toContain('RUN node scripts/prisma-generate.mjs && node scripts/build.mjs');
  });

  it('starts the gateway by default, with the Node flags npm start and compose use', () => {
    expect(dockerfile[dockerfile.length - 1]).toBe(
      `CMD ${JSON.stringify(['node', ...NODE_ARGS.gateway, 'dist/apps/gateway/src/main.js'])}`.replaceAll(
        '","',
        '", "',
      ),
    );
  });

  it('sets the runtime variables of config/runtime-env.json in the final stage', () => {
    const env = runtime.filter((line) => line.startsWith('ENV ')).join(' ');
    for (const [name, value] of Object.entries(RUNTIME_ENV)) expect(env).toContain(`${name}=${value}`);
  });

  it('runs the final stage as a non-root user in production mode, with production dependencies', () => {
    expect(runtime).toContainEqual(expect.stringMatching(/^ENV NODE_ENV=production\b/));
    expect(runtime).toContain('USER node');
    // Without --omit=optional the Prisma CLI and TypeScript (optional peers of @prisma/client) ship too.
    expect(dockerfile).toContainEqual(expect.stringMatching(/^RUN npm install --omit=dev --omit=optional /));
    expect(runtime).toContain('COPY --from=prod-deps /app/node_modules ./node_modules');
  });

  it('copies into the runtime everything the compose commands run', () => {
    const copied = runtime.filter((line) => line.startsWith('COPY ')).map((line) => line.split(/\s+/).slice(-2)[0]);
    expect(copied).toEqual(
      expect.arrayContaining([
        '/app/node_modules',
        '/app/dist',
        'prisma',
        'config',
        'scripts/prisma-migrate.mjs',
        'scripts/prisma',
      ]),
    );
  });

  it('copies from the build context only paths that exist and .dockerignore keeps', () => {
    const sources = dockerfile
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1))
      .filter((source) => source !== '.');
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      const ignoredBy = dockerignore.find((pattern) => source === pattern || source.startsWith(`${pattern}/`));
      expect({ source, exists: exists(source), ignoredBy }).toEqual({ source, exists: true, ignoredBy: undefined });
    }
  });
});
