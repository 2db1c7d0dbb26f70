-- Sets a booking's status; leaving 'booked' for 'cancelled' frees its seat; any change drops its reminders.
-- Cancelled and moved bookings are final.
-- KEYS[1] bookings HASH, KEYS[2] bookedCount HASH, KEYS[3] reminders ZSET
-- ARGV: ref, status, now
-- Returns the previous status, or false when there is no such booking.
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return false end
local b = cjson.decode(raw)
local previous = b.status
if previous == ARGV[2] or previous == 'cancelled' or previous == 'moved' then return previous end
if previous == 'booked' and ARGV[2] == 'cancelled' then
  if redis.call('HINCRBY', KEYS[2], b.slot, -1) <= 0 then redis.call('HDEL', KEYS[2], b.slot) end
end
b.status = ARGV[2]
b.updatedAt = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(b))
redis.call('ZREM', KEYS[3], ARGV[1] .. '|dayBefore', ARGV[1] .. '|morning')
return previous
