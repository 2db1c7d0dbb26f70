--[[
  Puts a dead letter back at the end of its conversation with a fresh delivery count.

  KEYS[1]  hash of dead letters (id -> record JSON)
  KEYS[2]  sorted set of dead-letter ids by time
  KEYS[3]  hash of waiting and in-progress messages
  KEYS[4]  hash of claims per message id
  KEYS[5]  the conversation's list of message ids
  KEYS[6]  hash of conversation heads
  KEYS[7]  list of ready conversation keys
  KEYS[8]  sorted set of leased conversation keys
  KEYS[9]  hash of each waiting message's channel
  KEYS[10] hash of waiting messages per channel
  ARGV[1]  message id
  ARGV[2]  the dead-letter record as read (the requeue is refused if it changed meanwhile)
  ARGV[3]  message JSON
  ARGV[4]  conversation key
  ARGV[5]  channel

  Returns 1 when requeued, 0 otherwise.
]]
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] or redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('HSET', KEYS[9], ARGV[1], ARGV[5])
redis.call('HINCRBY', KEYS[10], ARGV[5], 1)
if redis.call('RPUSH', KEYS[5], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[6], ARGV[4], ARGV[1])
  if not redis.call('ZSCORE', KEYS[8], ARGV[4]) then
    redis.call('RPUSH', KEYS[7], ARGV[4])
  end
end
return 1
