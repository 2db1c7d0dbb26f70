--[[
  Records one unanswered question unless its record key was seen (a re-run turn), drops those older than the
  retention, caps the set and renews its TTL.

  KEYS[1]  sorted set of unanswered questions (score = time in ms)
  KEYS[2]  marker of the record key (a hash of it), kept for ARGV[5] seconds
  ARGV[1]  member: the question as JSON (carries the record key's hash, so equal questions stay distinct)
  ARGV[2]  time of the question, ms since the epoch
  ARGV[3]  retention in seconds (older questions are removed; also the key's TTL)
  ARGV[4]  most questions kept (the oldest go first)
  ARGV[5]  lifetime of the marker in seconds

  Returns the number of questions kept, or -1 when this record key was already recorded.
]]
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', tonumber(ARGV[5])) then
  return -1
end
local at = tonumber(ARGV[2])
local retention = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], at, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (at - retention * 1000))
local count = redis.call('ZCARD', KEYS[1])
local cap = tonumber(ARGV[4])
if count > cap then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, count - cap - 1)
  count = cap
end
redis.call('EXPIRE', KEYS[1], retention)
return count
