/** The pub/sub channel on which billing tells the gateways a team's credits shrank (or it was disabled). */
export function creditChangeChannel(redisPrefix: string): string {
  return `${redisPrefix}credits:changed`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A message is the team's id; anything else is ignored (null). */
export function parseCreditChange(message: string): string | null {
  return UUID.test(message) ? message : null;
}
