--[[
  Finishes a leased message (ack, or dead letter when a record is given) if the lease is still current,
  and hands the conversation's next message on. A stale lease changes nothing. Dead letters older than
  their lifetime, and the oldest past the cap, are dropped (they hold personal data).

  KEYS[1]  hash of current lease ids (conversation key -> lease id)
  KEYS[2]  sorted set of leased conversation keys
  KEYS[3]  the conversation's list of message ids
  KEYS[4]  hash of conversation heads
  KEYS[5]  hash of waiting and in-progress messages
  KEYS[6]  hash of claims per message id
  KEYS[7]  list of ready conversation keys
  KEYS[8]  hash of dead letters (id -> record JSON)
  KEYS[9]  sorted set of dead-letter ids by time (ms)
  KEYS[10] hash of each waiting message's channel
  KEYS[11] hash of waiting messages per channel
  ARGV[1]  conversation key
  ARGV[2]  lease id
  ARGV[3]  message id
  ARGV[4]  dead-letter record JSON, or '' to ack
  ARGV[5]  most dead letters kept (the oldest are dropped past it)
  ARGV[6]  dead-letter lifetime in ms

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
local channel = redis.call('HGET', KEYS[10], ARGV[3])
if channel then
  redis.call('HDEL', KEYS[10], ARGV[3])
  if redis.call('HINCRBY', KEYS[11], channel, -1) <= 0 then
    redis.call('HDEL', KEYS[11], channel)
  end
end
local nextId = redis.call('LINDEX', KEYS[3], 0)
if nextId then
  redis.call('HSET', KEYS[4], ARGV[1], nextId)
  redis.call('RPUSH', KEYS[7], ARGV[1])
else
  redis.call('HDEL', KEYS[4], ARGV[1])
end
if ARGV[4] ~= '' then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  redis.call('HSET', KEYS[8], ARGV[3], ARGV[4])
  redis.call('ZADD', KEYS[9], now, ARGV[3])
  -- This is the newest dead letter: when none follows for a whole lifetime, every one has expired.
  redis.call('PEXPIRE', KEYS[8], tonumber(ARGV[6]))
  redis.call('PEXPIRE', KEYS[9], tonumber(ARGV[6]))
  local expired = redis.call('ZRANGEBYSCORE', KEYS[9], '-inf', now - tonumber(ARGV[6]))
  local excess = redis.call('ZCARD', KEYS[9]) - #expired - tonumber(ARGV[5])
  if excess > 0 then
    local oldest = redis.call('ZRANGE', KEYS[9], #expired, #expired + excess - 1)
    for _, id in ipairs(oldest) do
      expired[#expired + 1] = id
    end
  end
  for _, id in ipairs(expired) do
    redis.call('HDEL', KEYS[8], id)
    redis.call('ZREM', KEYS[9], id)
  end
end
return 1
