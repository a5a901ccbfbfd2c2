import { CAPABILITIES, parseCredits, type Capability } from '@switchyard/contracts';

type Fields = Record<string, unknown>;

/**
 * Reads untrusted catalog values field by field and collects every problem instead of stopping
 * at the first: each reader returns `undefined` after reporting what is wrong, so callers can
 * carry on and the operator gets the whole list in one CatalogError.
 */
export class CatalogReader {
  private readonly found: string[] = [];

  get problems(): readonly string[] {
    return this.found;
  }

  report(path: string, message: string): void {
    this.found.push(`${path}: ${message}`);
  }

  /** A plain object; keys outside `allowedKeys` are reported (they are usually typos). */
  object(value: unknown, path: string, allowedKeys?: readonly string[]): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(path, `must be a mapping, got ${describeValue(value)}`);
      return undefined;
    }
    const fields = value as Fields;
    if (allowedKeys) {
      for (const key of Object.keys(fields)) {
        if (!allowedKeys.includes(key))
          this.report(`${path}.${key}`, `unknown field (expected one of: ${allowedKeys.join(', ')})`);
      }
    }
    return fields;
  }

  array(value: unknown, path: string): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.report(path, `must be a list, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  string(value: unknown, path: string, pattern?: RegExp): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(path, `must be a non-empty string, got ${describeValue(value)}`);
      return undefined;
    }
    if (pattern && !pattern.test(value)) {
      this.report(path, `${JSON.stringify(value)} does not match ${pattern}`);
      return undefined;
    }
    return value;
  }

  positiveInt(value: unknown, path: string): number | undefined {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      this.report(path, `must be a whole number ≥ 1, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T | undefined {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.report(path, `must be one of ${allowed.join(', ')}, got ${describeValue(value)}`);
      return undefined;
    }
    return value as T;
  }

  /**
   * A price in credits per 1K tokens → micro-credits per 1K tokens ("1" → 1_000_000n).
   * Numbers are accepted too: YAML turns `0.0015` into a float whose shortest decimal form is
   * the literal the operator wrote, so no precision is lost for ≤ 6 decimal places.
   */
  rateMicro(value: unknown, path: string): bigint | undefined {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text === 'string') {
      try {
        const micro = parseCredits(text);
        if (micro >= 0n) return micro;
      } catch {
        // reported below
      }
    }
    this.report(
      path,
      `must be a non-negative decimal string with at most 6 decimal places (e.g. "1" or "0.0015"), got ${describeValue(value)}`,
    );
    return undefined;
  }

  capabilities(value: unknown, path: string): Capability[] | undefined {
    const list = this.array(value, path);
    if (!list) return undefined;
    const parsed: Capability[] = [];
    let valid = true;
    list.forEach((item, index) => {
      const capability = this.oneOf(item, CAPABILITIES, `${path}[${index}]`);
      if (!capability) valid = false;
      else if (parsed.includes(capability)) this.report(`${path}[${index}]`, `duplicate capability ${capability}`);
      else parsed.push(capability);
    });
    return valid ? parsed : undefined;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
