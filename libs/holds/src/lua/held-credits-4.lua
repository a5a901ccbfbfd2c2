--[[
  What the team has held now (expired holds purged first); needs no cached balance.
  KEYS[1..4] the team's credit keys: account, holds, expiries, held (includes/credit-state.lua)
  Reply: held micro-credits, as a decimal string
]]
--- @include "includes/credit-state"
purge(nowMs())
return fmt(heldNow())
