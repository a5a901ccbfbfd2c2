--[[
  Gives `amount` of a lease back to the team (never below 0), for a gateway that must stop
  holding its spare (CreditLeases.revoke).
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] leaseId
  ARGV[2] amount (micro-credits)
  Reply: 'OK' | 'GONE' (no such lease)
]]
--- @include "includes/credit-state"
purge(nowMs())
local current = redis.call('HGET', KEYS[2], ARGV[1])
if not current or string.sub(current, 1, 1) ~= 'L' then return 'GONE' end
local left = math.max(0, amountOf(current) - tonumber(ARGV[2]))
redis.call('HSET', KEYS[2], ARGV[1], 'L' .. fmt(left))
redis.call('SET', KEYS[4], fmt(heldNow() - (amountOf(current) - left)), 'KEEPTTL')
return 'OK'
