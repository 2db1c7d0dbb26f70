--[[
  Pushes a current lease's deadline further, for a turn that runs long.

  KEYS[1]  hash of current lease ids (conversation key -> lease id)
  KEYS[2]  sorted set of leased conversation keys by deadline (ms)
  ARGV[1]  conversation key
  ARGV[2]  lease id
  ARGV[3]  new lease duration in ms, from now

  Returns 1 when extended, 0 when the lease was stale.
]]
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[2], 'XX', now + tonumber(ARGV[3]), ARGV[1])
return 1
