/*
 * Lua for CreditHolds. Every script gets the same four keys, all hash-tagged with the team id
 * so they live in one cluster slot:
 *   KEYS[1] account  hash   bal = cached balance, ver = ledger entry id it reflects
 *   KEYS[2] holds    hash   requestId -> 'P<micro>' pending | 'S<micro>' settled | 'A' applied (tombstone)
 *                           leaseId   -> 'L<micro>' a gateway's lease (CreditLeases)
 *   KEYS[3] expiries zset   requestId scored by its expiry (ms, Redis clock)
 *   KEYS[4] held     string sum of the P/S amounts, kept so no script has to add up every hold
 * Amounts arrive as decimal strings and are exact in Lua's doubles below 2^53 (checked in TS).
 * Versions are compared as decimal strings, so they are exact at any size.
 */
const PRELUDE = `
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
`;

/** ARGV: requestId, amount, holdTtlMs, keysTtlMs[, seedBalance, seedVersion, balanceTtlMs] → {'OK'} | {'MISS'} | {'NSF', available} */
export const PLACE_SCRIPT = `${PRELUDE}
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
`;

/**
 * ARGV: requestId, cost, settledTtlMs, keysTtlMs[, leaseId, estimate] → 'OK' | 'APPLIED'
 * With a lease, the request's estimate leaves the lease it was carved from (if that still exists).
 */
export const SETTLE_SCRIPT = `${PRELUDE}
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
`;

/** ARGV: id, kind ('P' pending hold | 'L' lease) → 'OK' | 'NONE' (no hold of that kind: absent, settled or applied) */
export const RELEASE_SCRIPT = `${PRELUDE}
purge(nowMs())
local id = ARGV[1]
local current = redis.call('HGET', KEYS[2], id)
if not current or string.sub(current, 1, 1) ~= ARGV[2] then return 'NONE' end
redis.call('HDEL', KEYS[2], id)
redis.call('ZREM', KEYS[3], id)
redis.call('SET', KEYS[4], fmt(heldNow() - amountOf(current)), 'KEEPTTL')
return 'OK'
`;

/**
 * ARGV: leaseId, need, extra, leaseTtlMs, keysTtlMs, fresh ('1' | '0')[, seedBalance, seedVersion, balanceTtlMs]
 *   → {'OK', granted} | {'MISS'} | {'NSF', available} | {'GONE'}
 * Grows a gateway's lease by `need` plus up to `extra`, but never by more than half of what the
 * team has spare beyond `need`, so other gateways can still lease. A lease that is not `fresh`
 * must still exist: if it expired or Redis lost it, the gateway hears GONE and starts over.
 */
export const LEASE_SCRIPT = `${PRELUDE}
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
`;

/**
 * ARGV: holdTtlMs, keysTtlMs, requestId... → how many were extended: gives the pending holds of
 * requests still open another hold lifetime (settled, applied and expired ones are left alone).
 */
export const REFRESH_PENDING_SCRIPT = `${PRELUDE}
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
`;

/** ARGV: leaseId, leaseTtlMs, keysTtlMs → 'OK' | 'GONE': extends a lease in use. */
export const REFRESH_LEASE_SCRIPT = `${PRELUDE}
local now = nowMs()
purge(now)
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 'GONE' end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ARGV[1])
for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
return 'OK'
`;

/**
 * ARGV: leaseId, amount → 'OK' | 'GONE' (no such lease): gives `amount` of a lease back to the
 * team (never below 0), for a gateway that must stop holding its spare (CreditLeases.revoke).
 */
export const SHRINK_LEASE_SCRIPT = `${PRELUDE}
purge(nowMs())
local current = redis.call('HGET', KEYS[2], ARGV[1])
if not current or string.sub(current, 1, 1) ~= 'L' then return 'GONE' end
local left = math.max(0, amountOf(current) - tonumber(ARGV[2]))
redis.call('HSET', KEYS[2], ARGV[1], 'L' .. fmt(left))
redis.call('SET', KEYS[4], fmt(heldNow() - (amountOf(current) - left)), 'KEEPTTL')
return 'OK'
`;

/**
 * ARGV: balance, version, balanceTtlMs, channel, teamId → what is held at this instant
 * A lower balance that binds at once (CreditChangePublisher): caches it if newer, reads the held
 * total and tells every gateway (PUBLISH), all in one atomic step, so whatever any gateway
 * reserves from here on is checked against the new balance or was counted in that held total.
 */
export const LOWER_BALANCE_SCRIPT = `${PRELUDE}
seed(ARGV[1], ARGV[2], ARGV[3])
purge(nowMs())
redis.call('PUBLISH', ARGV[4], ARGV[5])
return fmt(heldNow())
`;

/** ARGV: balance, version, balanceTtlMs, appliedTtlMs, keysTtlMs, requestId... → 'OK' */
export const APPLY_LEDGER_SCRIPT = `${PRELUDE}
local now = nowMs()
seed(ARGV[1], ARGV[2], ARGV[3])
purge(now)
local held = heldNow()
for i = 6, #ARGV do
  local id = ARGV[i]
  held = held - amountOf(redis.call('HGET', KEYS[2], id))
  store(id, 'A', now + tonumber(ARGV[4]), held, ARGV[5])
end
return 'OK'
`;

/** ARGV: [seedBalance, seedVersion, balanceTtlMs] → {'OK', balance, held} | {'MISS'} */
export const SNAPSHOT_SCRIPT = `${PRELUDE}
if ARGV[1] then seed(ARGV[1], ARGV[2], ARGV[3]) end
purge(nowMs())
local bal = redis.call('HGET', KEYS[1], 'bal')
if not bal then return {'MISS'} end
return {'OK', bal, fmt(heldNow())}
`;
