--[[
  The request's usage event was emitted: its hold becomes exactly its cost until billing applies
  the debit. With a lease, the request's estimate leaves the lease it was carved from (if that
  still exists). A request billing already applied keeps its tombstone.
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] requestId
  ARGV[2] cost (micro-credits)
  ARGV[3] settledTtlMs: the settled hold counts this long while billing applies the debit
  ARGV[4] keysTtlMs: lifetime of the team's hold keys
  ARGV[5] optional leaseId the request was carved from
  ARGV[6] its estimate, taken out of that lease
  Reply: 'OK' | 'APPLIED' (billing applied the debit already: nothing held)
]]
--- @include "includes/credit-state"
local now = nowMs()
purge(now)
local held = heldNow()
if ARGV[5] then
  local lease = redis.call('HGET', KEYS[2], ARGV[5])
  if lease then
    local left = math.max(0, amountOf(lease) - tonumber(ARGV[6]))
    held = held - (amountOf(lease) - left)
    redis.call('HSET', KEYS[2], ARGV[5], 'L' .. fmt(left))
  end
end
local id = ARGV[1]
local current = redis.call('HGET', KEYS[2], id)
if current == 'A' then
  redis.call('SET', KEYS[4], fmt(held), 'KEEPTTL')
  return 'APPLIED'
end
store(id, 'S' .. ARGV[2], now + tonumber(ARGV[3]), held - amountOf(current) + tonumber(ARGV[2]), ARGV[4])
return 'OK'
