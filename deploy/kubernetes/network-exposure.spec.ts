import { assertKustomizeV5, overlayNames, renderOverlay } from './spec-support/render-overlays';
import type { K8sObject, RenderedOverlay } from './spec-support/rendered-overlay';

// Real: `kubectl kustomize` renders every overlay offline. What reaches which pod is read off the
// rendered Services, Ingresses and NetworkPolicies: /admin (billing) and /metrics (both apps)
// must stay off the public path, which is the gateway's Ingress and its /v1 routes only.
const OVERLAYS = overlayNames();
const rendered = new Map<string, RenderedOverlay>();

beforeAll(() => {
  assertKustomizeV5();
  for (const name of OVERLAYS) rendered.set(name, renderOverlay(name));
});

const overlay = (name: string) => rendered.get(name) as RenderedOverlay;
type Labels = Record<string, string>;
const selects = (selector: { matchLabels?: Labels } | undefined, labels: Labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
const podLabelsOf = (o: RenderedOverlay) =>
  o
    .workloads()
    .filter((w) => w.kind === 'Deployment' || w.kind === 'StatefulSet')
    .map((w) => ({ name: w.metadata.name as string, labels: w.spec.template.metadata.labels as Labels }));

/** For each long-running workload: `<namespace>:<port>` for every other namespace its policies let in. */
function crossNamespaceAccess(o: RenderedOverlay): Record<string, string[]> {
  const access: Record<string, string[]> = {};
  for (const pod of podLabelsOf(o)) {
    const rules = o
      .ofKind('NetworkPolicy')
      .filter((p) => selects(p.spec.podSelector, pod.labels))
      .flatMap((p) => (p.spec.ingress ?? []) as K8sObject[]);
    const entries = rules.flatMap((rule) =>
      (rule.from as K8sObject[])
        .filter((peer) => peer.namespaceSelector)
        .flatMap((peer) =>
          (rule.ports as { port: number }[]).map(
            (p) => `${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}:${p.port}`,
          ),
        ),
    );
    if (entries.length > 0) access[pod.name] = entries.sort();
  }
  return access;
}

/** `<ingress class> <host> <path> -> <service>:<port>` for every Ingress route. */
function routes(o: RenderedOverlay): string[] {
  return o
    .ofKind('Ingress')
    .flatMap((ingress) =>
      (ingress.spec.rules as K8sObject[]).flatMap((rule) =>
        (rule.http.paths as K8sObject[]).map(
          (path) =>
            `${ingress.spec.ingressClassName} ${rule.host ?? '*'} ${path.pathType} ${path.path} -> ` +
            `${path.backend.service.name}:${path.backend.service.port.name}`,
        ),
      ),
    );
}

describe.each(OVERLAYS)('overlays/%s: what is reachable from where', (name) => {
  it('denies all ingress to the namespace’s pods unless a policy allows it', () => {
    const policies = overlay(name).ofKind('NetworkPolicy');
    const denyAll = policies.filter((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress);
    expect(denyAll.map((p) => p.spec.policyTypes)).toEqual([['Ingress']]);
    // Every allow names its sources: no empty `from` (anyone) and no IP ranges.
    const peers = policies.flatMap((p) => ((p.spec.ingress ?? []) as K8sObject[]).map((rule) => rule.from));
    expect(peers.filter((from) => !from || from.length === 0)).toEqual([]);
    expect(peers.flat().filter((peer) => peer.ipBlock)).toEqual([]);
    const sameNamespace = policies.filter((p) =>
      ((p.spec.ingress ?? []) as K8sObject[]).some((rule) =>
        rule.from.some((peer: K8sObject) => peer.podSelector && !peer.namespaceSelector),
      ),
    );
    expect(sameNamespace.map((p) => p.spec.podSelector)).toEqual([{}]);
  });

  it('lets other namespaces in only as the public path and Prometheus need', () => {
    const operators = name === 'production-with-options' ? ['ingress-nginx-internal:3001'] : [];
    expect(crossNamespaceAccess(overlay(name))).toEqual({
      'switchyard-gateway': ['ingress-nginx:3000', 'monitoring:3000'],
      'switchyard-billing': [...operators, 'monitoring:3001'].sort(),
    });
  });

  it('routes /v1 publicly to the gateway, and /admin and /console only through the operators’ class', () => {
    const host = name === 'dev' ? '*' : 'api.switchyard.example.com';
    const expected = [`nginx ${host} Prefix /v1 -> switchyard-gateway:http`];
    if (name === 'production-with-options')
      expected.push(
        'nginx-internal ops.switchyard.example.internal Prefix /admin/v1 -> switchyard-billing:http',
        'nginx-internal ops.switchyard.example.internal Prefix /console -> switchyard-billing:http',
      );
    expect(routes(overlay(name))).toEqual(expected);
  });

  it('has billing trust one proxy hop exactly when the operators’ ingress is in front of it', () => {
    const env = overlay(name).get('Deployment', 'switchyard-billing').spec.template.spec.containers[0].env as {
      name: string;
      value?: string;
    }[];
    const trustProxy = env.filter((e) => e.name === 'TRUST_PROXY').map((e) => e.value);
    expect(trustProxy).toEqual(name === 'production-with-options' ? ['1'] : []);
  });

  it('publishes no Service outside the cluster, and gives the gateway’s and billing’s one port each', () => {
    const services = overlay(name).ofKind('Service');
    expect(services.filter((s) => (s.spec.type ?? 'ClusterIP') !== 'ClusterIP' || s.spec.externalIPs)).toEqual([]);
    const portsOf = (service: string) =>
      overlay(name)
        .get('Service', service)
        .spec.ports.map((p: { port: number }) => p.port);
    expect(portsOf('switchyard-gateway')).toEqual([3000]);
    expect(portsOf('switchyard-billing')).toEqual([3001]);
  });
});
