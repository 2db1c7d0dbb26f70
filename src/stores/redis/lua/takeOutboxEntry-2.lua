--[[
  Removes one entry from a staff list and returns it, so that of two staff replaying at once only one
  gets (and sends) it.

  KEYS[1]  hash of the list's entries (id -> JSON)
  KEYS[2]  sorted set of the list's ids by time
  ARGV[1]  entry id

  Returns the entry JSON, or false (nil in the client) when it is not there.
]]
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then
  return false
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return json
