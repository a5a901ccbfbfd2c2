/**
 * Shapes of every secret Switchyard handles, masked in any string that reaches a log. A minimum
 * length is written `{n}` then `*`, never `{n,}`: V8 keeps a backtrack entry per character a
 * counted `{n,}` loop takes, and throws RangeError past a few million (a 9 MB `sk-sk-…`);
 * a plain `*` loop at the end of a pattern keeps none, so each pattern runs in linear time.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // API keys (sy_live_…, sy_test_…)
  [/\bsy_(live|test)_[A-Za-z0-9]{8}[A-Za-z0-9]*/g, 'sy_$1_[redacted]'],
  // Admin tokens (syadm_ + base64url)
  [/\bsyadm_[A-Za-z0-9_-]{8}[A-Za-z0-9_-]*/g, 'syadm_[redacted]'],
  // Authorization header values, whatever the scheme carries. The gap is bounded: `\s+` before a
  // class it may fail on backtracks once per character (a stack overflow on megabytes of spaces).
  [/\b(Bearer|Basic)\s{1,256}[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // OpenAI / Anthropic style provider keys (sk-…, sk-ant-…)
  [/\bsk-[A-Za-z0-9_-]{12}[A-Za-z0-9_-]*/g, 'sk-[redacted]'],
];

export const REDACTED = '[redacted]';

/**
 * Masks secrets in free text: the known key shapes, plus literal values the app knows are secret
 * (provider keys, the bootstrap admin token) whatever they look like.
 */
export function redactSecrets(text: string, literals: readonly string[] = []): string {
  let out = text;
  for (const literal of literals)
    if (literal.length >= 8 && out.includes(literal)) out = out.split(literal).join(REDACTED);
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const SECRET_FIELD =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-admin-token|api[-_]?key|apikey|token|admin[-_]?token|plaintext|password|secret|.*_API_KEY|ADMIN_TOKEN)$/i;

/**
 * A copy of `value` fit for a log line: fields named like secrets are masked, strings are run
 * through redactSecrets. Stops at `maxDepth` and leaves non-plain objects to their serializers.
 */
export function scrubForLog(value: unknown, literals: readonly string[] = [], maxDepth = 6): unknown {
  if (typeof value === 'string') return redactSecrets(value, literals);
  if (maxDepth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubForLog(item, literals, maxDepth - 1));
  if (value instanceof Error) return scrubError(value, literals);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    out[field] =
      SECRET_FIELD.test(field) && inner !== undefined && inner !== null
        ? REDACTED
        : scrubForLog(inner, literals, maxDepth - 1);
  }
  return out;
}

function scrubError(err: Error, literals: readonly string[]): Record<string, unknown> {
  return {
    type: err.name,
    message: redactSecrets(err.message, literals),
    ...(err.stack ? { stack: redactSecrets(err.stack, literals) } : {}),
  };
}
