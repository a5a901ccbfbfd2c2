--[[
  Reserves a request's estimate as a pending hold, if the team's available credits cover it.
  Idempotent per request id: a request that already holds anything is answered OK.
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] requestId
  ARGV[2] amount (micro-credits)
  ARGV[3] holdTtlMs: the hold counts this long unless refreshed, settled or released
  ARGV[4] keysTtlMs: lifetime of the team's hold keys
  ARGV[5..7] optional seed: balance, version (ledger entry id), balanceTtlMs, after a MISS
  Reply: {'OK'} | {'MISS'} (no cached balance: seed it) | {'NSF', available}
]]
--- @include "includes/credit-state"
local now = nowMs()
if ARGV[5] then seed(ARGV[5], ARGV[6], ARGV[7]) end
purge(now)
local id = ARGV[1]
if redis.call('HEXISTS', KEYS[2], id) == 1 then return {'OK'} end
local amount = tonumber(ARGV[2])
local held, refusal = covering(amount)
if not held then return refusal end
store(id, 'P' .. ARGV[2], now + tonumber(ARGV[3]), held + amount, ARGV[4])
return {'OK'}
