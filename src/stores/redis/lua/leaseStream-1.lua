--[[
  Takes or renews one lease on a conversation's WebSocket stream places, dropping expired leases first.
  Uses the server's clock, so instances with skewed clocks agree on what has expired.

  KEYS[1]  sorted set of the conversation's stream leases (member = lease id, score = expiry in ms)
  ARGV[1]  lease id
  ARGV[2]  most leases the conversation may hold
  ARGV[3]  lease lifetime in ms

  Returns 1 when the lease is held (taken or renewed), 0 when every place is held by another live lease.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
-- The set lives as long as its longest lease, so a dead instance's leases leave nothing behind.
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - now))
return 1
