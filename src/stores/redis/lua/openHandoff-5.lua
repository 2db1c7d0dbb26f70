--[[
  Opens a handoff ticket (status waiting, at the back of its priority), unless the user already has an open one:
  then that one is kept, its priority raised when the new one is higher (keeping its place inside the band),
  and the new reasons merged in.

  KEYS[1]  hash of tickets, id -> JSON
  KEYS[2]  sorted set of waiting ticket ids by queue score (rank * 1e13 + order)
  KEYS[3]  hash of open tickets by user key (channel:userId) -> id
  KEYS[4]  set of the user's ticket ids (for "delete my data")
  KEYS[5]  hash of anonymous counters
  ARGV[1]  the new ticket JSON
  ARGV[2]  user key
  ARGV[3]  pub/sub channel announcing changes (message: ticket id)

  Returns {1, JSON} when created, {0, JSON of the existing ticket} otherwise.
]]
local RANK = { urgent = 0, vulnerable = 1, normal = 2 }
local BAND = 1e13

local existingId = redis.call('HGET', KEYS[3], ARGV[2])
local incoming = cjson.decode(ARGV[1])
if existingId then
  local json = redis.call('HGET', KEYS[1], existingId)
  if json then
    local t = cjson.decode(json)
    if RANK[incoming.priority] < RANK[t.priority] then
      local score = redis.call('ZSCORE', KEYS[2], existingId)
      if score then
        local offset = tonumber(score) - RANK[t.priority] * BAND
        redis.call('ZADD', KEYS[2], RANK[incoming.priority] * BAND + offset, existingId)
      end
      t.priority = incoming.priority
    end
    for _, reason in ipairs(incoming.reasons) do
      local known = false
      for _, r in ipairs(t.reasons) do
        if r == reason then known = true end
      end
      if not known then table.insert(t.reasons, reason) end
    end
    json = cjson.encode(t)
    redis.call('HSET', KEYS[1], existingId, json)
    redis.call('PUBLISH', ARGV[3], existingId)
    return {0, json}
  end
end

incoming.status = 'waiting'
local json = cjson.encode(incoming)
redis.call('HSET', KEYS[1], incoming.id, json)
redis.call('ZADD', KEYS[2], RANK[incoming.priority] * BAND + incoming.waitingSince, incoming.id)
redis.call('HSET', KEYS[3], ARGV[2], incoming.id)
redis.call('SADD', KEYS[4], incoming.id)
redis.call('HINCRBY', KEYS[5], 'opened:' .. incoming.priority, 1)
redis.call('PUBLISH', ARGV[3], incoming.id)
return {1, json}
