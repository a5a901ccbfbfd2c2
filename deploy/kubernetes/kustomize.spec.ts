import { validateEnv } from '@switchyard/config';
import { parse as parseDotenv } from './spec-support/dotenv.util';
import {
  BillingEnv,
  GatewayEnv,
  readRepoFile,
  SCRIPT_SOURCES,
  SimulatorEnv,
  VARIABLES_READ,
} from './spec-support/app-env-names';
import { assertKustomizeV5, overlayNames, renderOverlay } from './spec-support/render-overlays';
import type { Container, K8sObject, RenderedOverlay } from './spec-support/rendered-overlay';
import { schemaProblems } from './spec-support/validate-schema';

// Real: `kubectl kustomize` renders every overlay offline, kubernetes-models' schemas validate
// each object, and the apps' own env DTOs validate the environment each container gets.
const OVERLAYS = overlayNames();
const NODE_ARGS = JSON.parse(readRepoFile('config/node-args.json')) as Record<string, string[]>;
const DB_MIGRATE = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts[
  'db:migrate'
];
/** The keys an out-of-band switchyard-secrets must have (overlays that render no Secret). */
const SECRET_EXAMPLE = parseDotenv(readRepoFile('deploy/kubernetes/overlays/production/secrets.env.example'));
const rendered = new Map<string, RenderedOverlay>();

beforeAll(() => {
  assertKustomizeV5();
  for (const name of OVERLAYS) rendered.set(name, renderOverlay(name));
});

const overlay = (name: string) => rendered.get(name) as RenderedOverlay;
const secretsOf = (o: RenderedOverlay) => (name: string, key: string) =>
  o.ofKind('Secret').length > 0 ? o.secretValue(name, key) : SECRET_EXAMPLE[key];
const switchyardObjects = (o: RenderedOverlay) => o.objects.filter((x) => x.metadata.name.startsWith('switchyard'));
/** The pod template's labels select the pods of a Service, PDB or NetworkPolicy. */
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('deploy/kubernetes', () => {
  it('has the dev, production and production-with-options overlays', () => {
    expect(OVERLAYS).toEqual(['dev', 'production', 'production-with-options']);
  });

  describe.each(OVERLAYS)('overlays/%s', (name) => {
    it('renders objects that are all valid against the Kubernetes schemas', async () => {
      const problems = (await Promise.all(overlay(name).objects.map(schemaProblems))).flat();
      expect(problems).toEqual([]);
      expect(overlay(name).objects.length).toBeGreaterThan(15);
    });

    it('puts every object in its one Namespace, and labels every Switchyard object part-of switchyard', () => {
      const o = overlay(name);
      const [namespace, ...others] = o.ofKind('Namespace');
      expect(others).toEqual([]);
      const outside = o.objects.filter(
        (x) => x.kind !== 'Namespace' && x.metadata.namespace !== namespace.metadata.name,
      );
      expect(outside.map((x) => `${x.kind} ${x.metadata.name}`)).toEqual([]);
      const unlabelled = switchyardObjects(o).filter(
        (x) => x.metadata.labels?.['app.kubernetes.io/part-of'] !== 'switchyard',
      );
      expect(unlabelled.map((x) => `${x.kind} ${x.metadata.name}`)).toEqual([]);
    });

    it.each([
      ['StatefulSet', 'switchyard-gateway', 'gateway', 'GATEWAY'],
      ['Deployment', 'switchyard-billing', 'billing', 'BILLING'],
    ])('runs %s %s on every interface, probed on /health/ready and /health/live', (kind, workload, app, prefix) => {
      const o = overlay(name);
      const container = o.containerOf(kind, workload);
      const env = o.envOf(container, secretsOf(o));
      expect(env[`${prefix}_HOST`]).toBe('0.0.0.0');
      expect(container.ports).toEqual([{ name: 'http', containerPort: Number(env[`${prefix}_PORT`]) }]);
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.command).toEqual(['node', ...NODE_ARGS[app], `dist/apps/${app}/src/main.js`]);
    });

    it.each([
      ['StatefulSet', 'switchyard-gateway'],
      ['Deployment', 'switchyard-billing'],
    ])('gives %s %s a grace period above its preStop pause plus SHUTDOWN_TIMEOUT_MS', (kind, workload) => {
      const o = overlay(name);
      const pod = o.podSpecOf(o.get(kind, workload));
      const container = pod.containers[0] as Container;
      const shutdownSeconds = Number(o.envOf(container, secretsOf(o)).SHUTDOWN_TIMEOUT_MS) / 1000;
      const pause = Number(container.lifecycle.preStop.exec.command[1]);
      expect(container.lifecycle.preStop.exec.command).toEqual(['sleep', String(pause)]);
      expect(shutdownSeconds).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(pause + shutdownSeconds + 5);
    });

    it('keeps each gateway replica’s usage spool on a volume of its own that outlives the pod', () => {
      const o = overlay(name);
      const gateway = o.get('StatefulSet', 'switchyard-gateway');
      const container = o.containerOf('StatefulSet', 'switchyard-gateway');
      const spoolDir = o.envOf(container, secretsOf(o)).USAGE_SPOOL_DIR;
      const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === spoolDir);
      const claims = gateway.spec.volumeClaimTemplates.map((t: K8sObject) => t.metadata.name);
      expect(claims).toContain(mount?.name);
      expect(gateway.spec.persistentVolumeClaimRetentionPolicy).toEqual({
        whenDeleted: 'Retain',
        whenScaled: 'Retain',
      });
    });

    it('mounts the catalog ConfigMap, generated from config/catalog.yaml unchanged, at CATALOG_PATH', () => {
      const o = overlay(name);
      const container = o.containerOf('StatefulSet', 'switchyard-gateway');
      const catalogPath = o.envOf(container, secretsOf(o)).CATALOG_PATH;
      const mount = container.volumeMounts.find((m: { mountPath: string }) =>
        catalogPath.startsWith(`${m.mountPath}/`),
      );
      const volume = o
        .podSpecOf(o.get('StatefulSet', 'switchyard-gateway'))
        .volumes.find((v: { name: string }) => v.name === mount?.name);
      const file = catalogPath.slice(mount.mountPath.length + 1);
      expect(o.configMapValue(volume.configMap.name, file)).toBe(readRepoFile('config/catalog.yaml'));
    });

    it('autoscales gateway and billing on CPU from their replica count, with a disruption budget for each', () => {
      const o = overlay(name);
      for (const [kind, workload] of [
        ['StatefulSet', 'switchyard-gateway'],
        ['Deployment', 'switchyard-billing'],
      ]) {
        const target = o.get(kind, workload);
        const hpa = o.ofKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === workload);
        expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind, name: workload });
        expect(hpa?.spec.minReplicas).toBe(target.spec.replicas);
        expect(hpa?.spec.maxReplicas).toBeGreaterThan(hpa?.spec.minReplicas);
        expect(hpa?.spec.metrics).toContainEqual({
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } },
        });
        const podLabels = target.spec.template.metadata.labels;
        const pdbs = o.ofKind('PodDisruptionBudget').filter((p) => selects(p.spec.selector.matchLabels, podLabels));
        expect(pdbs.map((p) => p.spec.maxUnavailable)).toEqual([1]);
        expect(target.spec.template.spec.containers[0].resources.requests.cpu).toBeDefined();
      }
    });

    it('sets only variables the process reads, with values its env DTO accepts', () => {
      const o = overlay(name);
      const DTOS: Record<string, new () => object> = {
        gateway: GatewayEnv,
        billing: BillingEnv,
        simulator: SimulatorEnv,
      };
      const containers = o.workloads().flatMap((w) => o.podSpecOf(w).containers as Container[]);
      const ours = containers.filter((c) => c.image === o.containerOf('StatefulSet', 'switchyard-gateway').image);
      expect(ours.map((c) => c.name).sort()).toEqual(
        ['billing', 'gateway', 'migrate', 'reconcile', ...(name === 'dev' ? ['simulator'] : [])].sort(),
      );
      for (const container of ours) {
        const unread = (container.env ?? [])
          .map((v) => v.name)
          .filter((v) => !VARIABLES_READ[container.name].includes(v));
        expect({ container: container.name, unread }).toEqual({ container: container.name, unread: [] });
        const dto = DTOS[container.name];
        if (dto) expect(() => validateEnv(dto, o.envOf(container, secretsOf(o)))).not.toThrow();
      }
    });

    it('resolves every Secret key it reads: from the overlay’s own Secret, or the example of one made out of band', () => {
      const o = overlay(name);
      const refs = o
        .workloads()
        .flatMap((w) => o.podSpecOf(w).containers as Container[])
        .flatMap((c) => c.env ?? [])
        .flatMap((v) => (v.valueFrom?.secretKeyRef ? [v.valueFrom.secretKeyRef] : []));
      expect(refs.length).toBeGreaterThan(0);
      const missing = refs.filter((ref) => !ref.optional && secretsOf(o)(ref.name, ref.key) === undefined);
      expect(missing).toEqual([]);
      if (o.ofKind('Secret').length === 0)
        expect(new Set(refs.map((ref) => ref.name))).toEqual(new Set(['switchyard-secrets']));
      // Real secrets are never rendered: only dev generates one, from placeholders.
      const secrets = o.ofKind('Secret');
      expect(secrets.length).toBe(name === 'dev' ? 1 : 0);
      for (const secret of secrets)
        expect(Buffer.from(secret.data.ADMIN_TOKEN, 'base64').toString()).toMatch(/dev-only/);
    });

    it('runs every Switchyard container from one image, and migrates with `npm run db:migrate`’s command', () => {
      const o = overlay(name);
      const images = new Set(
        switchyardObjects(o).flatMap((w) =>
          w.spec?.template || w.spec?.jobTemplate ? o.podSpecOf(w).containers.map((c: Container) => c.image) : [],
        ),
      );
      expect([...images]).toEqual([name === 'dev' ? 'switchyard:local' : 'registry.example.com/switchyard:0.1.0']);
      const migrate = o.containerOf('Job', 'switchyard-migrate').command ?? [];
      expect(migrate.join(' ')).toContain(DB_MIGRATE);
    });

    it('runs the reconcile CronJob’s `verify` with the ops CLI compiled into the image', () => {
      const reconcile = overlay(name).containerOf('CronJob', 'switchyard-reconcile');
      expect(reconcile.command).toEqual(['node', 'dist/apps/ops-cli/src/main.js', 'verify']);
      // scripts/build.mjs compiles apps/ops-cli/src/main.ts to that path (the image has no TS loader);
      // its command table has `verify`.
      expect(readRepoFile('apps/ops-cli/src/main.ts')).toContain("from './program'");
      expect(readRepoFile('apps/ops-cli/src/command-table.ts')).toMatch(/^ {4}words: \['verify'\],$/m);
    });

    it('reads in each script only variables its sources name', () => {
      for (const [container, sources] of Object.entries(SCRIPT_SOURCES)) {
        const text = sources.map(readRepoFile).join('\n');
        expect({ container, unnamed: VARIABLES_READ[container].filter((v) => !text.includes(v)) }).toEqual({
          container,
          unnamed: [],
        });
      }
    });
  });
});
