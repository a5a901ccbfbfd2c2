import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '@switchyard/testing';
import { RenderedOverlay } from './rendered-overlay';

export const KUBERNETES_DIR = join(__dirname, '..');
const INSTALL =
  'install kubectl 1.27 or newer, which embeds kustomize v5 (https://kubernetes.io/docs/tasks/tools/); ' +
  "Debian 12's kubernetes-client is kubectl 1.20 (kustomize v2), too old for these kustomizations";

/** Every folder under deploy/kubernetes/overlays. */
export function overlayNames(): string[] {
  return readdirSync(join(KUBERNETES_DIR, 'overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Fails, saying what to install, unless kubectl's kustomize is v5 or newer. */
export function assertKustomizeV5(): void {
  const run = runTool('kubectl', ['version', '--client', '-o', 'json'], { install: INSTALL });
  const version = run.status === 0 ? (JSON.parse(run.stdout) as { kustomizeVersion?: string }).kustomizeVersion : '';
  const major = Number(/^v(\d+)\./.exec(version ?? '')?.[1] ?? 0);
  if (major < 5) throw new Error(`kubectl's kustomize is ${version || 'missing'}: ${INSTALL}`);
}

/** `kubectl kustomize overlays/<name>`: offline, no cluster needed. */
export function renderOverlay(name: string): RenderedOverlay {
  const run = runTool('kubectl', ['kustomize', join(KUBERNETES_DIR, 'overlays', name)], { install: INSTALL });
  if (run.status !== 0) throw new Error(`kubectl kustomize overlays/${name} failed:\n${run.stderr}`);
  return new RenderedOverlay(name, run.stdout);
}
