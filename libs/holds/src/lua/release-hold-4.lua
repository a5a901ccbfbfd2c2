--[[
  Drops a failed request's pending hold, or returns a gateway's lease whole.
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] id: a request id or a lease id
  ARGV[2] kind: 'P' pending hold | 'L' lease (a hold of another kind is left alone)
  Reply: 'OK' | 'NONE' (no hold of that kind: absent, settled or applied)
]]
--- @include "includes/credit-state"
purge(nowMs())
local id = ARGV[1]
local current = redis.call('HGET', KEYS[2], id)
if not current or string.sub(current, 1, 1) ~= ARGV[2] then return 'NONE' end
redis.call('HDEL', KEYS[2], id)
redis.call('ZREM', KEYS[3], id)
redis.call('SET', KEYS[4], fmt(heldNow() - amountOf(current)), 'KEEPTTL')
return 'OK'
