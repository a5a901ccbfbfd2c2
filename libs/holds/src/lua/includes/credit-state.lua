--[[
  A team's credit state in Redis, and the helpers every holds script uses. Every script gets the
  same four keys (creditKeysOf), all hash-tagged with the team id so they live in one cluster slot:
    KEYS[1] account  hash   bal = cached balance, ver = ledger entry id it reflects
    KEYS[2] holds    hash   requestId -> 'P<micro>' pending | 'S<micro>' settled | 'A' applied (tombstone)
                            leaseId   -> 'L<micro>' a gateway's lease (CreditLeases)
    KEYS[3] expiries zset   requestId scored by its expiry (ms, Redis clock)
    KEYS[4] held     string sum of the P/S/L amounts, kept so no script has to add up every hold
  Amounts arrive as decimal strings and are exact in Lua's doubles below 2^53 (checked in TS).
  Versions are compared as decimal strings, so they are exact at any size.
]]
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function fmt(n) return string.format('%.0f', n) end
local function amountOf(v)
  if not v or v == 'A' then return 0 end
  return tonumber(string.sub(v, 2))
end
local function heldNow() return tonumber(redis.call('GET', KEYS[4]) or '0') end
local function newer(a, b)
  if #a ~= #b then return #a > #b end
  return a > b
end
local function seed(bal, ver, ttl)
  local cur = redis.call('HGET', KEYS[1], 'ver')
  if cur and not newer(ver, cur) then return end
  redis.call('HSET', KEYS[1], 'bal', bal, 'ver', ver)
  redis.call('PEXPIRE', KEYS[1], ttl)
end
local function purge(now)
  local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
  if #expired == 0 then return end
  local held = heldNow()
  for _, id in ipairs(expired) do
    held = held - amountOf(redis.call('HGET', KEYS[2], id))
    redis.call('HDEL', KEYS[2], id)
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  redis.call('SET', KEYS[4], fmt(held), 'KEEPTTL')
end
-- Whether the team can cover the amount: held and available credits, or nil and the reply for a
-- balance that is not cached ('MISS') or too small ('NSF').
local function covering(amount)
  local bal = redis.call('HGET', KEYS[1], 'bal')
  if not bal then return nil, {'MISS'} end
  local held = heldNow()
  local available = tonumber(bal) - held
  if available < amount then return nil, {'NSF', fmt(available)} end
  return held, available
end
local function store(id, value, expiresAt, held, keysTtl)
  redis.call('HSET', KEYS[2], id, value)
  redis.call('ZADD', KEYS[3], expiresAt, id)
  redis.call('SET', KEYS[4], fmt(held))
  redis.call('PEXPIRE', KEYS[2], keysTtl)
  redis.call('PEXPIRE', KEYS[3], keysTtl)
  redis.call('PEXPIRE', KEYS[4], keysTtl)
end
