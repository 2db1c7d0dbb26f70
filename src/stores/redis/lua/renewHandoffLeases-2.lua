--[[
  Keeps a caseworker's claims alive (the open console calls this regularly).

  KEYS[1]  hash of assigned ticket id -> caseworker
  KEYS[2]  sorted set of leases by deadline (ms)
  ARGV[1]  caseworker
  ARGV[2]  new deadline (ms)

  Returns how many leases were renewed.
]]
local flat = redis.call('HGETALL', KEYS[1])
local renewed = 0
for i = 1, #flat, 2 do
  if flat[i + 1] == ARGV[1] then
    redis.call('ZADD', KEYS[2], tonumber(ARGV[2]), flat[i])
    renewed = renewed + 1
  end
end
return renewed
