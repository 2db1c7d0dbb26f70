-- Leases due reminders of booked appointments to one worker (their score moves to now + lease, so another
-- worker only gets them again if this one never acknowledges); reminders of other bookings are dropped.
-- KEYS[1] reminders ZSET "<ref>|<kind>" -> due ms, KEYS[2] bookings HASH
-- ARGV: now, leaseMs, limit
-- Returns the leased members.
local now, lease, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit * 2 + 10)
local out = {}
for _, member in ipairs(due) do
  if #out >= limit then break end
  local ref = string.match(member, '^([^|]*)|')
  local raw = redis.call('HGET', KEYS[2], ref)
  if raw and cjson.decode(raw).status == 'booked' then
    redis.call('ZADD', KEYS[1], now + lease, member)
    out[#out + 1] = member
  else
    redis.call('ZREM', KEYS[1], member)
  end
end
return out
