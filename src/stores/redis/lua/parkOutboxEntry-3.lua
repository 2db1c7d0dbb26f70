--[[
  Parks an undelivered outbound message in a staff list (dead letters or held) and marks its
  idempotency claim, so a re-run turn does not send it while staff have not decided.

  KEYS[1]  hash of the list's entries (id -> JSON)
  KEYS[2]  sorted set of the list's ids by time
  KEYS[3]  the reply's idempotency claim key
  ARGV[1]  entry id
  ARGV[2]  entry JSON
  ARGV[3]  entry time, epoch ms (score)
  ARGV[4]  claim value, e.g. dead:<id>
  ARGV[5]  claim lifetime in ms
  ARGV[6]  entries of this list parked before this time (epoch ms) are dropped: they expired

  Returns 1.
]]
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[6])
for _, id in ipairs(expired) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), ARGV[1])
-- Every entry is at most as old as this one: when no other is parked for a whole lifetime, all have expired.
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]))
redis.call('SET', KEYS[3], ARGV[4], 'PX', tonumber(ARGV[5]))
return 1
