--[[
  Gives the pending holds of requests still open another hold lifetime (settled, applied and
  expired ones are left alone).
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] holdTtlMs
  ARGV[2] keysTtlMs: lifetime of the team's hold keys
  ARGV[3..] requestId, one per open request
  Reply: how many holds were extended
]]
--- @include "includes/credit-state"
local now = nowMs()
purge(now)
local extended = 0
for i = 3, #ARGV do
  local current = redis.call('HGET', KEYS[2], ARGV[i])
  if current and string.sub(current, 1, 1) == 'P' then
    redis.call('ZADD', KEYS[3], now + tonumber(ARGV[1]), ARGV[i])
    extended = extended + 1
  end
end
if extended > 0 then
  for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
return extended
