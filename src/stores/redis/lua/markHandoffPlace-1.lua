--[[
  Records the queue place last told to a waiting user (compare-and-set), so instances sharing the queue, or one
  restarted, neither repeat nor skip a place update: of instances racing to tell the same update, one wins.

  KEYS[1]  hash of tickets
  ARGV[1]  ticket id
  ARGV[2]  place told
  ARGV[3]  when (ms)
  ARGV[4]  the waiting spell it belongs to (the ticket's waitingSince)
  ARGV[5]  `at` of the telling it replaces in that spell, or '' when none yet

  Returns 1 when recorded, 0 when the ticket is gone, not waiting in that spell, or another telling came first.
]]
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return 0 end
local t = cjson.decode(json)
local since = tonumber(ARGV[4])
if t.status ~= 'waiting' or t.waitingSince ~= since then return 0 end
local told = t.placeTold
if type(told) ~= 'table' or told.since ~= since then told = nil end
if ARGV[5] == '' then
  if told then return 0 end
elseif not told or told.at ~= tonumber(ARGV[5]) then
  return 0
end
t.placeTold = { place = tonumber(ARGV[2]), at = tonumber(ARGV[3]), since = since }
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
return 1
