--[[
  Grows a gateway's lease by `need` plus up to `extra`, but never by more than half of what the
  team has spare beyond `need`, so other gateways can still lease. A lease that is not `fresh`
  must still exist: if it expired or Redis lost it, the gateway hears GONE and starts over.
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] leaseId
  ARGV[2] need (micro-credits): refused with NSF unless covered
  ARGV[3] extra (micro-credits): granted as far as the spare allows
  ARGV[4] leaseTtlMs: the lease counts this long unless refreshed
  ARGV[5] keysTtlMs: lifetime of the team's hold keys
  ARGV[6] fresh: '1' a new lease | '0' the lease must exist
  ARGV[7..9] optional seed: balance, version (ledger entry id), balanceTtlMs, after a MISS
  Reply: {'OK', granted} | {'MISS'} | {'NSF', available} | {'GONE'}
]]
--- @include "includes/credit-state"
local now = nowMs()
if ARGV[7] then seed(ARGV[7], ARGV[8], ARGV[9]) end
purge(now)
local id = ARGV[1]
local current = redis.call('HGET', KEYS[2], id)
if not current and ARGV[6] ~= '1' then return {'GONE'} end
local need = tonumber(ARGV[2])
local held, result = covering(need)
if not held then return result end
local available = result
local grant = need + math.min(tonumber(ARGV[3]), math.floor((available - need) / 2))
store(id, 'L' .. fmt(amountOf(current) + grant), now + tonumber(ARGV[4]), held + grant, ARGV[5])
return {'OK', fmt(grant)}
