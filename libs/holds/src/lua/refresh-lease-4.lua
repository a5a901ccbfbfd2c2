--[[
  Extends a lease in use by another lease lifetime.
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] leaseId
  ARGV[2] leaseTtlMs
  ARGV[3] keysTtlMs: lifetime of the team's hold keys
  Reply: 'OK' | 'GONE' (no such lease)
]]
--- @include "includes/credit-state"
local now = nowMs()
purge(now)
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 'GONE' end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ARGV[1])
for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
return 'OK'
