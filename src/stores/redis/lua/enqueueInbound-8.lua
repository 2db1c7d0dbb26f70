--[[
  Stores one inbound message exactly once, unless its channel's part of the queue is full. All keys are
  in the conversation's partition; the channel's count in the other partitions comes as ARGV[7].

  KEYS[1]  the message id's de-duplication marker
  KEYS[2]  hash of waiting and in-progress messages (id -> JSON)
  KEYS[3]  the conversation's list of message ids
  KEYS[4]  hash of conversation heads (conversation key -> head message id)
  KEYS[5]  list of ready conversation keys
  KEYS[6]  sorted set of leased conversation keys
  KEYS[7]  hash of each waiting message's channel (id -> channel)
  KEYS[8]  hash of waiting messages per channel (channel -> count)
  ARGV[1]  message id
  ARGV[2]  message JSON
  ARGV[3]  de-duplication window in seconds
  ARGV[4]  max depth of this channel (messages waiting or in progress)
  ARGV[5]  conversation key
  ARGV[6]  channel
  ARGV[7]  messages of this channel in the other partitions, as last seen by the caller (0 with one partition)

  Returns 'queued', 'duplicate', or 'full' (nothing stored, marker not set, so a retry is accepted later).
]]
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 'duplicate'
end
if (tonumber(redis.call('HGET', KEYS[8], ARGV[6])) or 0) + (tonumber(ARGV[7]) or 0) >= tonumber(ARGV[4]) then
  return 'full'
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[3]))
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[7], ARGV[1], ARGV[6])
redis.call('HINCRBY', KEYS[8], ARGV[6], 1)
if redis.call('RPUSH', KEYS[3], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[4], ARGV[5], ARGV[1])
  if not redis.call('ZSCORE', KEYS[6], ARGV[5]) then
    redis.call('RPUSH', KEYS[5], ARGV[5])
  end
end
return 'queued'
