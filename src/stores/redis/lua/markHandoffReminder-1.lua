--[[
  Records that the "not forgotten" template was sent for one WhatsApp window, once.

  KEYS[1]  hash of tickets
  ARGV[1]  ticket id
  ARGV[2]  the window's closing time (ms)

  Returns 1 when this call recorded it, 0 when it was already recorded or the ticket is gone.
]]
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return 0 end
local t = cjson.decode(json)
if t.reminderSentFor == tonumber(ARGV[2]) then return 0 end
t.reminderSentFor = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
return 1
