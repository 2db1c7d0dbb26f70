--[[
  Assigns a ticket to a caseworker. Atomic: of concurrent callers exactly one sees the allowed status.

  KEYS[1]  hash of tickets, id -> JSON
  KEYS[2]  sorted set of waiting ticket ids by queue score
  KEYS[3]  sorted set of assigned ticket ids by lease deadline (ms)
  KEYS[4]  hash of assigned ticket id -> caseworker
  KEYS[5]  sorted set of assigned ticket ids by the time since which an answer is owed (ms)
  KEYS[6]  list of recent waits (ms) of urgent tickets, newest first
  KEYS[7]  same for vulnerable
  KEYS[8]  same for normal
  ARGV[1]  ticket id
  ARGV[2]  caseworker
  ARGV[3]  now (ms)
  ARGV[4]  lease length (ms)
  ARGV[5]  capacity (open tickets per caseworker)
  ARGV[6]  statuses the claim may start from, comma-separated (the domain's transition table)
  ARGV[7]  pub/sub channel announcing changes

  Returns 1 ok, -1 no such ticket, -2 not in an allowed status (already taken), -3 caseworker at capacity.
]]
local WAITS = { urgent = KEYS[6], vulnerable = KEYS[7], normal = KEYS[8] }
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return -1 end
local t = cjson.decode(json)
if not string.find(',' .. ARGV[6] .. ',', ',' .. t.status .. ',', 1, true) then return -2 end

local load = 0
for _, who in ipairs(redis.call('HVALS', KEYS[4])) do
  if who == ARGV[2] then load = load + 1 end
end
if load >= tonumber(ARGV[5]) then return -3 end

local now = tonumber(ARGV[3])
if t.status == 'waiting' then
  local waited = now - t.waitingSince
  if waited < 0 then waited = 0 end
  redis.call('LPUSH', WAITS[t.priority], waited)
  redis.call('LTRIM', WAITS[t.priority], 0, 49)
end
redis.call('ZREM', KEYS[2], ARGV[1])
t.status = 'assigned'
t.assignee = ARGV[2]
t.assignedAt = now
t.awaitingReplySince = now
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[5], now, ARGV[1])
redis.call('PUBLISH', ARGV[7], ARGV[1])
return 1
