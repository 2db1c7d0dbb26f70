--[[
  Puts assigned tickets back in front of their priority when their lease ran out (console gone) or their
  caseworker has owed an answer for too long. The ticket that lost its caseworker first ends up first.

  KEYS[1..5]  as releaseHandoff-5.lua (tickets, waiting, leases, assignees, owed answers)
  ARGV[1]  now (ms)
  ARGV[2]  silence allowed (ms)
  ARGV[3]  pub/sub channel announcing changes

  Returns the ids requeued, in their new queue order.
]]
local RANK = { urgent = 0, vulnerable = 1, normal = 2 }
local BAND = 1e13
local now = tonumber(ARGV[1])
local deadlines = {}
for _, pair in ipairs({ { KEYS[3], 0 }, { KEYS[5], tonumber(ARGV[2]) } }) do
  local found = redis.call('ZRANGEBYSCORE', pair[1], '-inf', now - pair[2], 'WITHSCORES', 'LIMIT', 0, 100)
  for i = 1, #found, 2 do
    local deadline = tonumber(found[i + 1]) + pair[2]
    if not deadlines[found[i]] or deadline < deadlines[found[i]] then deadlines[found[i]] = deadline end
  end
end
local expired = {}
for id, deadline in pairs(deadlines) do table.insert(expired, { id = id, deadline = deadline }) end
-- Latest deadline requeued first: each requeue goes in front, so the earliest ends up at the very front.
table.sort(expired, function(a, b) if a.deadline == b.deadline then return a.id > b.id end return a.deadline > b.deadline end)

local requeued = {}
for _, e in ipairs(expired) do
  local json = redis.call('HGET', KEYS[1], e.id)
  redis.call('ZREM', KEYS[3], e.id)
  redis.call('HDEL', KEYS[4], e.id)
  redis.call('ZREM', KEYS[5], e.id)
  if json then
    local t = cjson.decode(json)
    if t.status == 'assigned' or t.status == 'transferred' then
      local band = RANK[t.priority] * BAND
      local score = band + now
      local first = redis.call('ZRANGEBYSCORE', KEYS[2], band, '(' .. (band + BAND), 'WITHSCORES', 'LIMIT', 0, 1)
      if first[2] and tonumber(first[2]) - 1 < score then score = tonumber(first[2]) - 1 end
      redis.call('ZADD', KEYS[2], score, e.id)
      t.status = 'waiting'
      t.assignee = nil
      t.assignedAt = nil
      t.awaitingReplySince = nil
      t.waitingSince = now
      t.requeues = t.requeues + 1
      redis.call('HSET', KEYS[1], e.id, cjson.encode(t))
      redis.call('PUBLISH', ARGV[3], e.id)
      table.insert(requeued, 1, e.id)
    end
  end
end
return requeued
