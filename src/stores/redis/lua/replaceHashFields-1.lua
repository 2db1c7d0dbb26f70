--[[
  Compare-and-set of several fields of one hash: each field is replaced only while it still holds the value the
  caller read, so a rewrite computed outside Redis (re-addressing records to a user's new id) never overwrites a
  change made meanwhile. A field that is gone is skipped (nothing left to rewrite).

  KEYS[1]  the hash
  ARGV     triples: field, expected value, new value

  Returns how many fields held another value (the caller reads them again and retries).
]]
local changed = 0
for i = 1, #ARGV, 3 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current then
    if current == ARGV[i + 1] then
      redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
    else
      changed = changed + 1
    end
  end
end
return changed
