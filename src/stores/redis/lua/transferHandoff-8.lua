--[[
  Transfers a ticket to a named caseworker (status transferred). The new owner's capacity applies.

  KEYS[1..8]  as claimHandoff-8.lua (tickets, waiting, leases, assignees, owed answers, recent waits x3)
  ARGV[1]  ticket id
  ARGV[2]  caseworker giving it away ('' = anyone, e.g. an admin)
  ARGV[3]  caseworker receiving it
  ARGV[4]  now (ms)
  ARGV[5]  lease length (ms)
  ARGV[6]  capacity
  ARGV[7]  statuses the transfer may start from, comma-separated
  ARGV[8]  pub/sub channel announcing changes

  Returns 1 ok, -1 no such ticket, -2 not in an allowed status, -3 receiver at capacity, -4 giver not the assignee.
]]
local WAITS = { urgent = KEYS[6], vulnerable = KEYS[7], normal = KEYS[8] }
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return -1 end
local t = cjson.decode(json)
if not string.find(',' .. ARGV[7] .. ',', ',' .. t.status .. ',', 1, true) then return -2 end
if ARGV[2] ~= '' and t.assignee ~= ARGV[2] then return -4 end

if t.assignee ~= ARGV[3] then
  local load = 0
  for _, who in ipairs(redis.call('HVALS', KEYS[4])) do
    if who == ARGV[3] then load = load + 1 end
  end
  if load >= tonumber(ARGV[6]) then return -3 end
end

local now = tonumber(ARGV[4])
if t.status == 'waiting' then
  local waited = now - t.waitingSince
  if waited < 0 then waited = 0 end
  redis.call('LPUSH', WAITS[t.priority], waited)
  redis.call('LTRIM', WAITS[t.priority], 0, 49)
end
redis.call('ZREM', KEYS[2], ARGV[1])
t.status = 'transferred'
t.assignee = ARGV[3]
t.assignedAt = now
t.awaitingReplySince = now
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[5], now, ARGV[1])
redis.call('PUBLISH', ARGV[8], ARGV[1])
return 1
