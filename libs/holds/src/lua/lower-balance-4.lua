--[[
  A lower balance that binds at once (CreditChangePublisher): caches it if newer, reads the held
  total and tells every gateway (PUBLISH), all in one atomic step, so whatever any gateway
  reserves from here on is checked against the new balance or was counted in that held total.
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  ARGV[1] balance (micro-credits)
  ARGV[2] version: the ledger entry id the balance reflects
  ARGV[3] balanceTtlMs
  ARGV[4] channel the gateways listen on
  ARGV[5] teamId, the message
  Reply: what is held at this instant (decimal string)
]]
--- @include "includes/credit-state"
seed(ARGV[1], ARGV[2], ARGV[3])
purge(nowMs())
redis.call('PUBLISH', ARGV[4], ARGV[5])
return fmt(heldNow())
