/** The pub/sub channel for key invalidations, under the deployment's Redis prefix. */
export function keyRevocationChannel(redisPrefix: string): string {
  return `${redisPrefix}keys:revoked`;
}

/** Messages are a JSON array of key hashes (hex SHA-256); anything else is ignored. */
const HASH = /^[0-9a-f]{64}$/;

export function parseRevocationMessage(message: string): string[] {
  try {
    const parsed: unknown = JSON.parse(message);
    return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === 'string' && HASH.test(h)) : [];
  } catch {
    return [];
  }
}
