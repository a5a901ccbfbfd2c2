import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runTool } from './command-line-tool';

// Real: docker-compose's own parser (Debian's docker-compose 1.29; no Docker daemon needed), on
// the repo's docker-compose.yml: what docker-compose.spec.ts reads as data, the tool must accept.
const ROOT = join(__dirname, '..', '..', '..');
const ADMIN_TOKEN = 'compose-spec-admin-token-0123456789';
// An empty env file, so a developer's own .env beside docker-compose.yml cannot change what is checked.
const envDir = mkdtempSync(join(tmpdir(), 'switchyard-compose-'));
const ENV_FILE = join(envDir, 'empty.env');
writeFileSync(ENV_FILE, '');
afterAll(() => rmSync(envDir, { recursive: true, force: true }));

function compose(args: string[], env: Record<string, string | undefined>) {
  const { ADMIN_TOKEN: _ignored, ...shell } = process.env;
  return runTool(
    'docker-compose',
    ['--project-directory', ROOT, '--env-file', ENV_FILE, '-f', join(ROOT, 'docker-compose.yml'), ...args],
    {
      install: 'apt-get install -y docker-compose',
      cwd: ROOT,
      env: { ...shell, ...env },
    },
  );
}

describe('docker-compose.yml, as docker-compose reads it', () => {
  it('is a valid Compose file', () => {
    expect(compose(['config', '-q'], { ADMIN_TOKEN })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('refuses to run without ADMIN_TOKEN, saying which variable to set', () => {
    const run = compose(['config', '-q'], {});
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("set ADMIN_TOKEN (24+ characters) for billing's admin API");
  });

  it('resolves the shared app settings and the healthcheck overrides as intended', () => {
    const run = compose(['config'], { ADMIN_TOKEN, OPENAI_API_KEY: 'sk-from-the-shell' });
    expect(run.status).toBe(0);
    const services = (parse(run.stdout) as { services: Record<string, Record<string, never>> }).services;
    const { gateway, billing } = services;
    expect(gateway.healthcheck).toMatchObject({
      test: expect.arrayContaining([expect.stringContaining(':3000/health/ready')]),
    });
    expect(billing.healthcheck).toMatchObject({
      test: expect.arrayContaining([expect.stringContaining(':3001/health/ready')]),
    });
    expect(billing.ports).toEqual(['127.0.0.1:3001:3001/tcp']);
    expect(billing.environment).toMatchObject({ ADMIN_TOKEN, SHUTDOWN_TIMEOUT_MS: '30000', BILLING_HOST: '0.0.0.0' });
    expect(gateway.environment).toMatchObject({ OPENAI_API_KEY: 'sk-from-the-shell', ANTHROPIC_API_KEY: null });
    expect([gateway.stop_grace_period, billing.stop_grace_period]).toEqual(['40s', '40s']);
  });
});
