--[[
  Billing committed ledger entries: caches the balance if newer, and turns the holds of the
  requests those entries debited into tombstones (a later settle of them is then a no-op).
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] balance (micro-credits)
  ARGV[2] version: the ledger entry id the balance reflects
  ARGV[3] balanceTtlMs
  ARGV[4] appliedTtlMs: how long a tombstone lives
  ARGV[5] keysTtlMs: lifetime of the team's hold keys
  ARGV[6..] requestId, one per debited request
  Reply: 'OK'
]]
--- @include "includes/credit-state"
local now = nowMs()
seed(ARGV[1], ARGV[2], ARGV[3])
purge(now)
local held = heldNow()
for i = 6, #ARGV do
  local id = ARGV[i]
  held = held - amountOf(redis.call('HGET', KEYS[2], id))
  store(id, 'A', now + tonumber(ARGV[4]), held, ARGV[5])
end
return 'OK'
