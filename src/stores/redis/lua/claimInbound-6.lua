--[[
  Claims the head message of the next ready conversation, after putting conversations whose lease ran
  out back in front of the ready list. Uses the server clock, so instances with skewed clocks agree.

  KEYS[1]  list of ready conversation keys
  KEYS[2]  sorted set of leased conversation keys by deadline (ms)
  KEYS[3]  hash of current lease ids (conversation key -> lease id)
  KEYS[4]  hash of conversation heads (conversation key -> head message id)
  KEYS[5]  hash of waiting and in-progress messages (id -> JSON)
  KEYS[6]  hash of claims per message id
  ARGV[1]  lease duration in ms
  ARGV[2]  the new lease id

  Returns {message JSON, redeliveries, conversation key, message id} or nil when no conversation is ready.
  A head whose entry is missing is leased all the same with JSON '' so the caller can dead-letter it:
  skipping it would leave the conversation's later messages blocked for good.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)
-- Latest deadline pushed first, so the conversation that has waited longest ends up in front.
for i = #expired, 1, -1 do
  local conversation = expired[i]
  redis.call('ZREM', KEYS[2], conversation)
  redis.call('HDEL', KEYS[3], conversation)
  if redis.call('HEXISTS', KEYS[4], conversation) == 1 then
    redis.call('LPUSH', KEYS[1], conversation)
  end
end

while true do
  local conversation = redis.call('LPOP', KEYS[1])
  if not conversation then
    return nil
  end
  local head = redis.call('HGET', KEYS[4], conversation)
  if head and not redis.call('ZSCORE', KEYS[2], conversation) then
    local json = redis.call('HGET', KEYS[5], head) or ''
    local deliveries = redis.call('HINCRBY', KEYS[6], head, 1)
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), conversation)
    redis.call('HSET', KEYS[3], conversation, ARGV[2])
    return {json, deliveries - 1, conversation, head}
  end
end
