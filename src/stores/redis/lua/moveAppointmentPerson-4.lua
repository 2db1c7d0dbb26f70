-- A WhatsApp number change: the person's bookings and hold now belong to their new person key, and reach them
-- at their new id (contact) and number (the phone they gave, when it was their old WhatsApp number). Idempotent;
-- bookings the new key already has are kept beside the moved ones.
-- KEYS[1] holds ZSET, KEYS[2] holdInfo HASH, KEYS[3] bookings HASH, KEYS[4] personRefs HASH
-- ARGV: old person key, new person key, old user id, new user id, old phone ('' = none), new phone ('' = none), now
-- Returns the number of bookings moved.
local old, new, oldUser, newUser, oldPhone, newPhone, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
if old == new then return 0 end
local info = redis.call('HGET', KEYS[2], old)
if info then
  if not redis.call('HGET', KEYS[2], new) then
    redis.call('HSET', KEYS[2], new, info)
    redis.call('ZADD', KEYS[1], redis.call('ZSCORE', KEYS[1], old), new)
  end
  redis.call('HDEL', KEYS[2], old)
  redis.call('ZREM', KEYS[1], old)
end
local moved = 0
local refs = redis.call('HGET', KEYS[4], new) or ''
for ref in string.gmatch(redis.call('HGET', KEYS[4], old) or '', '%S+') do
  local raw = redis.call('HGET', KEYS[3], ref)
  if raw then
    local b = cjson.decode(raw)
    b.personKey = new
    if type(b.contact) == 'table' then
      if b.contact.userId == oldUser then b.contact.userId = newUser end
      if b.contact.conversationId == oldUser then b.contact.conversationId = newUser end
    end
    if oldPhone ~= '' and b.phone == oldPhone then
      if newPhone ~= '' then b.phone = newPhone else b.phone = nil end
    end
    b.updatedAt = now
    redis.call('HSET', KEYS[3], ref, cjson.encode(b))
    moved = moved + 1
  end
  if not string.find(' ' .. refs .. ' ', ' ' .. ref .. ' ', 1, true) then
    if refs == '' then refs = ref else refs = refs .. ' ' .. ref end
  end
end
if refs ~= '' then redis.call('HSET', KEYS[4], new, refs) end
redis.call('HDEL', KEYS[4], old)
return moved
