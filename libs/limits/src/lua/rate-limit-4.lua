--[[
  Fixed-window counters, one call per request so the check is atomic across gateways. Each key
  is a hash {w = window start (ms, Redis clock), n = count}; a counter whose window has passed
  reads as 0. All four keys carry the team id as hash tag: one cluster slot.
  KEYS[1] the key's requests   KEYS[2] the key's tokens
  KEYS[3] the team's requests  KEYS[4] the team's tokens
  ARGV[1] windowMs
  ARGV[2] tokens this request adds
  ARGV[3..6] keyRpm, keyTpm, teamRpm, teamTpm (0 = no limit)
  ARGV[7] extraOnly: '1' = only add ARGV[2] tokens to the token counters, never refuse
          (completion tokens known after the answer)
  Reply: {allowed (1/0), exceededIndex (0 none, 1..4), resetMs, limit1, count1, ..., limit4, count4}
         where count is the value after this call; nothing is counted when refused.
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local start = now - (now % window)
local resetMs = start + window - now
local tokens = tonumber(ARGV[2])
local extraOnly = ARGV[7] == '1'
local counts = {}
local limits = {}
local costs = {1, tokens, 1, tokens}
if extraOnly then costs = {0, tokens, 0, tokens} end
local exceeded = 0
for i = 1, 4 do
  limits[i] = tonumber(ARGV[i + 2])
  local n = 0
  if limits[i] > 0 then
    local w = redis.call('HGET', KEYS[i], 'w')
    if w and tonumber(w) == start then n = tonumber(redis.call('HGET', KEYS[i], 'n')) end
    if (not extraOnly) and exceeded == 0 and n + costs[i] > limits[i] then exceeded = i end
  end
  counts[i] = n
end
if exceeded == 0 then
  for i = 1, 4 do
    if limits[i] > 0 and costs[i] > 0 then
      counts[i] = counts[i] + costs[i]
      redis.call('HSET', KEYS[i], 'w', start, 'n', counts[i])
      redis.call('PEXPIRE', KEYS[i], resetMs + 1000)
    end
  end
end
local reply = {exceeded == 0 and 1 or 0, exceeded, resetMs}
for i = 1, 4 do
  reply[#reply + 1] = limits[i]
  reply[#reply + 1] = counts[i]
end
return reply
