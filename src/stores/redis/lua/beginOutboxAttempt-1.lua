--[[
  Starts a delivery attempt of one outbound reply.

  KEYS[1]  the reply's idempotency claim key
  ARGV[1]  lifetime of the attempt mark in ms

  Returns 'done' when the reply was sent or parked (value sent:/dead:/held:), 'retry' when an earlier
  attempt never finished (value attempt or pending), 'new' otherwise; sets the mark to 'attempt' unless done.
]]
local state = redis.call('GET', KEYS[1])
if state and state ~= 'attempt' and state ~= 'pending' then
  return 'done'
end
redis.call('SET', KEYS[1], 'attempt', 'PX', tonumber(ARGV[1]))
if state then
  return 'retry'
end
return 'new'
