--[[
  Appends one bot reply to a web chat conversation once: a reply key seen before appends nothing, so a
  re-delivered turn outcome (after a crash) does not show the same reply twice.

  KEYS[1]  the conversation's activity list
  KEYS[2]  the conversation's marker key (exists while the conversation lives)
  KEYS[3]  the reply's idempotency marker
  ARGV[1]  activity JSON (without id)
  ARGV[2]  idle lifetime in seconds
  ARGV[3]  pub/sub channel announcing new activities
  ARGV[4]  conversation id (the announcement's message)

  Returns the index of the appended activity (0-based), or -1 when the reply was appended before.
]]
if redis.call('SET', KEYS[3], '1', 'NX', 'EX', tonumber(ARGV[2])) == false then
  return -1
end
local length = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
redis.call('SET', KEYS[2], '1', 'EX', tonumber(ARGV[2]))
redis.call('PUBLISH', ARGV[3], ARGV[4])
return length - 1
