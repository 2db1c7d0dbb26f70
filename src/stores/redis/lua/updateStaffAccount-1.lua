--[[
  Changes fields of an existing staff account (never creates one).

  KEYS[1]  the account's hash
  ARGV     field, value pairs

  Returns 1 when changed, 0 when the account does not exist.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
