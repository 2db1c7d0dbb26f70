-- "Delete my data": cancels the person's upcoming bookings (freeing the seats), strips the personal fields of
-- all their bookings, drops their reminders and hold, and forgets which bookings were theirs.
-- KEYS[1] holds ZSET, KEYS[2] holdInfo HASH, KEYS[3] heldCount HASH, KEYS[4] bookedCount HASH,
-- KEYS[5] bookings HASH, KEYS[6] personRefs HASH, KEYS[7] reminders ZSET
-- ARGV: now, personKey
-- Returns the number of bookings touched.
local now, person = tonumber(ARGV[1]), ARGV[2]
local info = redis.call('HGET', KEYS[2], person)
if info then
  local slot = string.match(info, '^(.*)|[^|]*$')
  if redis.call('HINCRBY', KEYS[3], slot, -1) <= 0 then redis.call('HDEL', KEYS[3], slot) end
  redis.call('HDEL', KEYS[2], person)
  redis.call('ZREM', KEYS[1], person)
end
local touched = 0
for ref in string.gmatch(redis.call('HGET', KEYS[6], person) or '', '%S+') do
  local raw = redis.call('HGET', KEYS[5], ref)
  if raw then
    local b = cjson.decode(raw)
    if b.status == 'booked' and tonumber(b.startMs) > now then
      b.status = 'cancelled'
      if redis.call('HINCRBY', KEYS[4], b.slot, -1) <= 0 then redis.call('HDEL', KEYS[4], b.slot) end
    end
    b.contact = nil
    b.firstName = nil
    b.nationality = nil
    b.phone = nil
    b.preRegistration = nil
    b.personKey = ''
    b.anonymised = true
    b.updatedAt = now
    redis.call('HSET', KEYS[5], ref, cjson.encode(b))
    redis.call('ZREM', KEYS[7], ref .. '|dayBefore', ref .. '|morning')
    touched = touched + 1
  end
end
redis.call('HDEL', KEYS[6], person)
return touched
