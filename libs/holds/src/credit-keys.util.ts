/**
 * The four Redis keys of a team's credits (their layout: lua/includes/credit-state.lua), all
 * hash-tagged with the team id so they live in one cluster slot: account, holds, expiries, held.
 */
export function creditKeysOf(keyPrefix: string, teamId: string): [string, string, string, string] {
  const base = `${keyPrefix}credits:{${teamId}}:`;
  return [`${base}account`, `${base}holds`, `${base}hold-expiries`, `${base}held`];
}
