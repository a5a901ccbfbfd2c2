/**
 * The model catalog is invalid. Thrown once, at boot, with every problem listed so one edit
 * fixes them all. A plain Error on purpose: it is an operator's fault, never a client's, and
 * must not reach a response body (unknown errors become a generic 500).
 */
export class CatalogError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid model catalog (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'CatalogError';
  }
}
