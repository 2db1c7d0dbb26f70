--[[
  Stores a turn's decided outcome unless one is stored already (the first decision wins).

  KEYS[1]  the turn's outcome key
  ARGV[1]  the outcome (JSON)
  ARGV[2]  its lifetime in ms

  Returns false when ours was stored (the caller has it already, so it is not sent back), else the stored one.
]]
local stored = redis.call('GET', KEYS[1])
if stored then
  return stored
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
return false
