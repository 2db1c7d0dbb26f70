-- Deletes bookings whose start is before ARGV[1] (their configured lifetime is over).
-- KEYS[1] bookings HASH, KEYS[2] byTime ZSET, KEYS[3] personRefs HASH, KEYS[4] reminders ZSET
-- ARGV: beforeMs (exclusive)
-- Returns how many were deleted.
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
for _, ref in ipairs(old) do
  local raw = redis.call('HGET', KEYS[1], ref)
  if raw then
    local person = cjson.decode(raw).personKey
    local refs = redis.call('HGET', KEYS[3], person)
    if refs then
      local kept = {}
      for r in string.gmatch(refs, '%S+') do if r ~= ref then kept[#kept + 1] = r end end
      if #kept == 0 then redis.call('HDEL', KEYS[3], person) else redis.call('HSET', KEYS[3], person, table.concat(kept, ' ')) end
    end
  end
  redis.call('HDEL', KEYS[1], ref)
  redis.call('ZREM', KEYS[2], ref)
  redis.call('ZREM', KEYS[4], ref .. '|dayBefore', ref .. '|morning')
end
return #old
