--[[
  Erases the first activities of a web chat conversation (delete my data), keeping their places so ids
  and watermarks stay monotonic for the life of the conversation id.

  KEYS[1]  the conversation's activity list
  ARGV[1]  erase the activities with index < this

  Returns how many places were erased. An erased place holds '' (readers skip it).
]]
local count = math.min(tonumber(ARGV[1]), redis.call('LLEN', KEYS[1]))
for i = 0, count - 1 do
  redis.call('LSET', KEYS[1], i, '')
end
return count
