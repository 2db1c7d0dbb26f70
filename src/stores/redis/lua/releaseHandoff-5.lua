--[[
  Gives an assigned ticket back: waiting again, in front of every ticket of its priority.

  KEYS[1]  hash of tickets, id -> JSON
  KEYS[2]  sorted set of waiting ticket ids by queue score (rank * 1e13 + order)
  KEYS[3]  sorted set of leases
  KEYS[4]  hash of assignees
  KEYS[5]  sorted set of owed answers
  ARGV[1]  ticket id
  ARGV[2]  caseworker releasing ('' = anyone)
  ARGV[3]  now (ms)
  ARGV[4]  statuses the release may start from, comma-separated
  ARGV[5]  pub/sub channel announcing changes

  Returns 1 ok, -1 no such ticket, -2 not in an allowed status, -4 not the assignee.
]]
local RANK = { urgent = 0, vulnerable = 1, normal = 2 }
local BAND = 1e13
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return -1 end
local t = cjson.decode(json)
if not string.find(',' .. ARGV[4] .. ',', ',' .. t.status .. ',', 1, true) then return -2 end
if ARGV[2] ~= '' and t.assignee ~= ARGV[2] then return -4 end

local now = tonumber(ARGV[3])
local band = RANK[t.priority] * BAND
local score = band + now
local first = redis.call('ZRANGEBYSCORE', KEYS[2], band, '(' .. (band + BAND), 'WITHSCORES', 'LIMIT', 0, 1)
if first[2] and tonumber(first[2]) - 1 < score then score = tonumber(first[2]) - 1 end
redis.call('ZADD', KEYS[2], score, ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
t.status = 'waiting'
t.assignee = nil
t.assignedAt = nil
t.awaitingReplySince = nil
t.waitingSince = now
t.requeues = t.requeues + 1
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
redis.call('PUBLISH', ARGV[5], ARGV[1])
return 1
