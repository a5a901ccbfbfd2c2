import { join } from 'node:path';
import { LuaCommands } from '@switchyard/queue';

/**
 * The holds' Lua (lua/*.lua, each with its KEYS/ARGV contract in its header; the key layout and
 * shared helpers in lua/includes/credit-state.lua). Every command takes the team's four credit
 * keys (creditKeysOf). Resolved next to this file, so the same code runs from src/ and dist/.
 */
export const HOLDS_COMMANDS = new LuaCommands(join(__dirname, 'lua'), [
  'placeHold',
  'settleHold',
  'releaseHold',
  'applyLedger',
  'snapshotCredits',
  'heldCredits',
  'growLease',
  'refreshLease',
  'refreshPendingHolds',
  'shrinkLease',
  'lowerBalance',
] as const);

export type HoldsCommand = Parameters<typeof HOLDS_COMMANDS.run>[1];
