-- Holds one seat of a slot for a person, replacing any hold they had (one hold per person).
-- KEYS[1] holds      ZSET personKey -> expiry ms
-- KEYS[2] holdInfo   HASH personKey -> "<slot>|<holdId>"
-- KEYS[3] heldCount  HASH slot -> active holds
-- KEYS[4] bookedCount HASH slot -> booked seats
-- ARGV: now, personKey, slot, holdId, capacity, expiresAt
-- Returns 1 held, -1 full.
local now = tonumber(ARGV[1])
local function purge()
  local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
  for _, person in ipairs(expired) do
    local info = redis.call('HGET', KEYS[2], person)
    if info then
      local slot = string.match(info, '^(.*)|[^|]*$')
      if redis.call('HINCRBY', KEYS[3], slot, -1) <= 0 then redis.call('HDEL', KEYS[3], slot) end
      redis.call('HDEL', KEYS[2], person)
    end
    redis.call('ZREM', KEYS[1], person)
  end
end
purge()
local person, slot, holdId = ARGV[2], ARGV[3], ARGV[4]
local capacity, expiresAt = tonumber(ARGV[5]), tonumber(ARGV[6])
local info = redis.call('HGET', KEYS[2], person)
if info then
  local heldSlot = string.match(info, '^(.*)|[^|]*$')
  if heldSlot == slot then
    redis.call('HSET', KEYS[2], person, slot .. '|' .. holdId)
    redis.call('ZADD', KEYS[1], expiresAt, person)
    return 1
  end
end
local taken = tonumber(redis.call('HGET', KEYS[4], slot) or '0') + tonumber(redis.call('HGET', KEYS[3], slot) or '0')
if taken >= capacity then return -1 end
if info then
  local heldSlot = string.match(info, '^(.*)|[^|]*$')
  if redis.call('HINCRBY', KEYS[3], heldSlot, -1) <= 0 then redis.call('HDEL', KEYS[3], heldSlot) end
end
redis.call('HSET', KEYS[2], person, slot .. '|' .. holdId)
redis.call('ZADD', KEYS[1], expiresAt, person)
redis.call('HINCRBY', KEYS[3], slot, 1)
return 1
