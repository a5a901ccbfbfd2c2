import type { K8sObject } from './rendered-overlay';

interface ModelClass {
  new (data: K8sObject): { validate(): void };
}

/**
 * Validates one object against the Kubernetes OpenAPI schema of its apiVersion and kind, with the
 * models of `kubernetes-models` (types, formats, required fields, enums). Its schemas accept
 * fields they do not know, so the specs check the fields that matter by name as well.
 * Returns the problems, empty when valid; a kind with no model is a problem too.
 */
export async function schemaProblems(object: K8sObject): Promise<string[]> {
  const where = `${object.kind} ${object.metadata?.name}`;
  let Model: ModelClass | undefined;
  try {
    const module = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`)) as Record<
      string,
      ModelClass
    >;
    Model = module[object.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(withUnwrappedSecretData(object)).validate();
    return [];
  } catch (err) {
    return [`${where}: ${err instanceof Error ? err.message : String(err)}`];
  }
}

/**
 * kustomize wraps a generated Secret's base64 values at 70 columns; the API server's decoder skips
 * the line breaks, the schema's `byte` format does not: check the values as the server reads them.
 */
function withUnwrappedSecretData(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  const data = Object.fromEntries(
    Object.entries(object.data as Record<string, string>).map(([key, value]) => [key, value.replace(/\s/g, '')]),
  );
  return { ...object, data };
}
