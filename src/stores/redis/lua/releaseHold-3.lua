-- Releases a person's hold (only when it is ARGV[3], if given), after dropping expired holds.
-- KEYS[1] holds ZSET, KEYS[2] holdInfo HASH, KEYS[3] heldCount HASH (see holdSeat-4.lua)
-- ARGV: now, personKey, holdId or ''
-- Returns 1 released, 0 nothing to release.
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
local info = redis.call('HGET', KEYS[2], ARGV[2])
if not info then return 0 end
local slot, holdId = string.match(info, '^(.*)|([^|]*)$')
if ARGV[3] ~= '' and holdId ~= ARGV[3] then return 0 end
if redis.call('HINCRBY', KEYS[3], slot, -1) <= 0 then redis.call('HDEL', KEYS[3], slot) end
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[2])
return 1
