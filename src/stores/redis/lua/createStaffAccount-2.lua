--[[
  Adds a staff account unless the username exists.

  KEYS[1]  set of usernames
  KEYS[2]  the account's hash (fields: role, passwordHash, disabled, createdAt)
  ARGV[1]  username
  ARGV[2]  role
  ARGV[3]  password hash
  ARGV[4]  disabled ('1' or '0')
  ARGV[5]  created at (ms)

  Returns 1 when added, 0 when the username exists.
]]
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], 'role', ARGV[2], 'passwordHash', ARGV[3], 'disabled', ARGV[4], 'createdAt', ARGV[5])
return 1
