--[[
  Tells, without changing anything, whether a claim in this partition could find work: conversations in the
  ready list plus 1 when a lease has run out (its conversation goes back to the ready list on the next claim).
  Read-only and cheap, so an idle worker can look at every partition at once and claim only where it pays.

  KEYS[1]  list of ready conversation keys
  KEYS[2]  sorted set of leased conversation keys by deadline (ms)

  Returns a count (0 = nothing to claim now).
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1)
return redis.call('LLEN', KEYS[1]) + #due
