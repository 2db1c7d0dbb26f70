-- Booked and held seats of each slot, after dropping expired holds.
-- KEYS[1] holds ZSET, KEYS[2] holdInfo HASH, KEYS[3] heldCount HASH, KEYS[4] bookedCount HASH
-- ARGV: now, slot…
-- Returns a flat list: booked, held, booked, held…
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, p in ipairs(expired) do
  local i = redis.call('HGET', KEYS[2], p)
  if i then
    local s = string.match(i, '^(.*)|[^|]*$')
    if redis.call('HINCRBY', KEYS[3], s, -1) <= 0 then redis.call('HDEL', KEYS[3], s) end
    redis.call('HDEL', KEYS[2], p)
  end
  redis.call('ZREM', KEYS[1], p)
end
local out = {}
for i = 2, #ARGV do
  out[#out + 1] = tonumber(redis.call('HGET', KEYS[4], ARGV[i]) or '0')
  out[#out + 1] = tonumber(redis.call('HGET', KEYS[3], ARGV[i]) or '0')
end
return out
