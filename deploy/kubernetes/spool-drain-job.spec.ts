import { parse } from 'yaml';
import { readRepoFile, VARIABLES_READ } from './spec-support/app-env-names';
import { assertKustomizeV5, renderOverlay } from './spec-support/render-overlays';
import type { Container, K8sObject } from './spec-support/rendered-overlay';
import { schemaProblems } from './spec-support/validate-schema';

// Real: the Job manifest as an operator applies it, kubernetes-models' schema, and the production
// overlay rendered by `kubectl kustomize` (the gateways whose volumes it drains).
const job = parse(readRepoFile('deploy/kubernetes/tools/spool-drain-job.yaml')) as K8sObject;
const container = job.spec.template.spec.containers[0] as Container;

describe('deploy/kubernetes/tools/spool-drain-job.yaml', () => {
  beforeAll(assertKustomizeV5);

  it('is a valid Job', async () => {
    expect(await schemaProblems(job)).toEqual([]);
  });

  it('boots the gateway on one replica’s spool claim, mounted where USAGE_SPOOL_DIR says', () => {
    const production = renderOverlay('production');
    const gateway = production.get('StatefulSet', 'switchyard-gateway');
    const gatewayContainer = production.containerOf('StatefulSet', 'switchyard-gateway');
    const template = gateway.spec.volumeClaimTemplates[0].metadata.name;
    const spoolDir = container.env?.find((v) => v.name === 'USAGE_SPOOL_DIR')?.value;
    expect(spoolDir).toBe(gatewayContainer.env?.find((v) => v.name === 'USAGE_SPOOL_DIR')?.value);
    const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === spoolDir);
    const volume = job.spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name);
    expect(volume.persistentVolumeClaim.claimName).toMatch(new RegExp(`^${template}-switchyard-gateway-\\d+$`));
    expect(container.image).toBe(gatewayContainer.image);
    expect(container.command?.[2]).toContain(gatewayContainer.command?.join(' '));
    expect(container.env?.find((v) => v.name === 'REDIS_PREFIX')?.value).toBe(
      production.configMapValue(
        gatewayContainer.env?.find((v) => v.name === 'REDIS_PREFIX')?.valueFrom?.configMapKeyRef?.name as string,
        'REDIS_PREFIX',
      ),
    );
  });

  it('sets only variables the gateway reads, and waits for the spool and the journal to be empty', () => {
    const unread = (container.env ?? []).map((v) => v.name).filter((v) => !VARIABLES_READ.gateway.includes(v));
    expect(unread).toEqual([]);
    expect(container.command?.[2]).toContain(`find "$USAGE_SPOOL_DIR" -name '*.jsonl' -size +0`);
  });
});
