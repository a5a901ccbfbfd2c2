import { parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object: whatever the manifests say, checked by the specs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = { apiVersion: string; kind: string; metadata: K8sMetadata; [field: string]: any };
export interface K8sMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Container = { name: string; image: string; command?: string[]; env?: EnvVar[]; [field: string]: any };
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob']);

/** One overlay as `kubectl kustomize` rendered it, with the look-ups the specs need. */
export class RenderedOverlay {
  readonly objects: K8sObject[];

  constructor(
    readonly name: string,
    yamlText: string,
  ) {
    this.objects = parseAllDocuments(yamlText).map((doc) => doc.toJS() as K8sObject);
  }

  ofKind(kind: string): K8sObject[] {
    return this.objects.filter((o) => o.kind === kind);
  }

  get(kind: string, name: string): K8sObject {
    const found = this.objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`${this.name}: no ${kind} ${name}`);
    return found;
  }

  /** Deployments, StatefulSets, Jobs and CronJobs. */
  workloads(): K8sObject[] {
    return this.objects.filter((o) => WORKLOAD_KINDS.has(o.kind));
  }

  /** The pod spec of a workload (a CronJob's is one level deeper). */
  podSpecOf(workload: K8sObject): K8sObject['spec'] {
    return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
  }

  containerOf(kind: string, name: string): Container {
    return this.podSpecOf(this.get(kind, name)).containers[0] as Container;
  }

  /**
   * A container's environment as the pod gets it: literal values, ConfigMap keys, and Secret keys
   * from `secrets` (the overlay's generated Secret, or the example file of one made out of band).
   */
  envOf(container: Container, secrets: (name: string, key: string) => string | undefined): Record<string, string> {
    const env: Record<string, string> = {};
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom;
      const value = from?.configMapKeyRef
        ? this.configMapValue(from.configMapKeyRef.name, from.configMapKeyRef.key)
        : from?.secretKeyRef
          ? secrets(from.secretKeyRef.name, from.secretKeyRef.key)
          : variable.value;
      if (value !== undefined) env[variable.name] = value;
    }
    return env;
  }

  configMapValue(name: string, key: string): string {
    const value = this.get('ConfigMap', name).data?.[key];
    if (value === undefined) throw new Error(`${this.name}: ConfigMap ${name} has no key ${key}`);
    return value;
  }

  /** A generated Secret's value, decoded; undefined when the overlay renders no such Secret. */
  secretValue(name: string, key: string): string | undefined {
    const secret = this.objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
    const encoded = secret?.data?.[key];
    return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
  }
}
