--[[
  Token bucket by reservation, shared by every instance: takes one token and says how long the caller must
  wait before using it (a negative balance is a queue of reservations). Uses the server clock.

  KEYS[1]  the bucket's hash (fields: t = tokens, at = last update in ms)
  ARGV[1]  rate, tokens per second (> 0)
  ARGV[2]  capacity (burst size)

  Returns the wait in ms (0 when a token is available now).
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local tokens = tonumber(redis.call('HGET', KEYS[1], 't'))
local at = tonumber(redis.call('HGET', KEYS[1], 'at'))
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + (now - at) * rate / 1000) - 1
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now))
local wait = 0
if tokens < 0 then
  wait = math.ceil(-tokens * 1000 / rate)
end
-- A full bucket needs no key: let it go once it would have refilled.
redis.call('PEXPIRE', KEYS[1], wait + math.ceil(capacity * 1000 / rate) + 1000)
return wait
