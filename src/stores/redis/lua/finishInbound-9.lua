--[[
  Finishes a leased message (ack, or dead letter when a record is given) if the lease is still current,
  and hands the conversation's next message on. A stale lease changes nothing.

  KEYS[1]  hash of current lease ids (conversation key -> lease id)
  KEYS[2]  sorted set of leased conversation keys
  KEYS[3]  the conversation's list of message ids
  KEYS[4]  hash of conversation heads
  KEYS[5]  hash of waiting and in-progress messages
  KEYS[6]  hash of claims per message id
  KEYS[7]  list of ready conversation keys
  KEYS[8]  hash of dead letters (id -> record JSON)
  KEYS[9]  list of dead-letter ids, oldest first
  ARGV[1]  conversation key
  ARGV[2]  lease id
  ARGV[3]  message id
  ARGV[4]  dead-letter record JSON, or '' to ack
  ARGV[5]  most dead letters kept (the oldest are dropped past it)

  Returns 1 when finished, 0 when the lease was stale.
]]
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] or redis.call('LINDEX', KEYS[3], 0) ~= ARGV[3] then
  return 0
end
redis.call('LPOP', KEYS[3])
redis.call('HDEL', KEYS[5], ARGV[3])
redis.call('HDEL', KEYS[6], ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
local nextId = redis.call('LINDEX', KEYS[3], 0)
if nextId then
  redis.call('HSET', KEYS[4], ARGV[1], nextId)
  redis.call('RPUSH', KEYS[7], ARGV[1])
else
  redis.call('HDEL', KEYS[4], ARGV[1])
end
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[8], ARGV[3], ARGV[4])
  local kept = redis.call('RPUSH', KEYS[9], ARGV[3])
  for _ = 1, kept - tonumber(ARGV[5]) do
    redis.call('HDEL', KEYS[8], redis.call('LPOP', KEYS[9]))
  end
end
return 1
