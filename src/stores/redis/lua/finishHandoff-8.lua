--[[
  Ends a ticket: closed with an outcome, or cancelled (by the user). The user may then open a new one.

  KEYS[1]  hash of tickets
  KEYS[2]  sorted set of waiting tickets
  KEYS[3]  sorted set of leases
  KEYS[4]  hash of assignees
  KEYS[5]  sorted set of owed answers
  KEYS[6]  hash of open tickets by user key
  KEYS[7]  sorted set of ended ticket ids by end time (ms), for the configured lifetime
  KEYS[8]  hash of anonymous counters
  ARGV[1]  ticket id
  ARGV[2]  caseworker ('' = anyone: the user cancelling, an admin)
  ARGV[3]  end status: closed | cancelled
  ARGV[4]  outcome
  ARGV[5]  now (ms)
  ARGV[6]  statuses the change may start from, comma-separated
  ARGV[7]  pub/sub channel announcing changes

  Returns 1 ok, -1 no such ticket, -2 not in an allowed status, -4 not the assignee.
]]
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return -1 end
local t = cjson.decode(json)
if not string.find(',' .. ARGV[6] .. ',', ',' .. t.status .. ',', 1, true) then return -2 end
if ARGV[2] ~= '' and t.assignee ~= ARGV[2] then return -4 end

local now = tonumber(ARGV[5])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
local userKey = t.channel .. ':' .. t.userId
if redis.call('HGET', KEYS[6], userKey) == ARGV[1] then redis.call('HDEL', KEYS[6], userKey) end
redis.call('ZADD', KEYS[7], now, ARGV[1])
t.status = ARGV[3]
t.outcome = ARGV[4]
t.closedAt = now
t.awaitingReplySince = nil
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
if ARGV[3] == 'closed' then
  redis.call('HINCRBY', KEYS[8], 'closed:' .. ARGV[4], 1)
else
  redis.call('HINCRBY', KEYS[8], 'cancelled', 1)
end
redis.call('PUBLISH', ARGV[7], ARGV[1])
return 1
