--[[
  The team's cached balance and what is held (expired holds purged first).
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1..3] optional seed: balance, version (ledger entry id), balanceTtlMs, after a MISS
  Reply: {'OK', balance, held} | {'MISS'} (no cached balance: seed it)
]]
--- @include "includes/credit-state"
if ARGV[1] then seed(ARGV[1], ARGV[2], ARGV[3]) end
purge(nowMs())
local bal = redis.call('HGET', KEYS[1], 'bal')
if not bal then return {'MISS'} end
return {'OK', bal, fmt(heldNow())}
