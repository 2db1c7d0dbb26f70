--[[
  Erases tickets and their transcripts: "delete my data" (every ticket of one user, open ones included) or the
  end of their lifetime (ended before a time). Anonymous counters are kept. The caller lists the ticket ids and
  passes each one's transcript key after KEYS[9], in the same order.

  KEYS[1]  hash of tickets
  KEYS[2]  sorted set of waiting tickets
  KEYS[3]  sorted set of leases
  KEYS[4]  hash of assignees
  KEYS[5]  sorted set of owed answers
  KEYS[6]  hash of open tickets by user key
  KEYS[7]  sorted set of ended tickets
  KEYS[8]  set of the user's ticket ids (user mode; unused in age mode: pass KEYS[7] again)
  KEYS[9]  hash of anonymous counters
  KEYS[10..] transcript list of each ticket, in ARGV order (variadic: the caller sends the key count)
  ARGV[1]  mode: user | age
  ARGV[2]  age mode: only tickets that ended before this time (ms)
  ARGV[3]  pub/sub channel announcing changes
  ARGV[4..] ticket ids

  Returns how many tickets were erased, or -1 in user mode when the user gained a ticket meanwhile (list again).
]]
local erased = 0
for i = 4, #ARGV do
  local id = ARGV[i]
  local json = redis.call('HGET', KEYS[1], id)
  local t = nil
  if json then t = cjson.decode(json) end
  local eligible = ARGV[1] == 'user' or (t ~= nil and t.closedAt ~= nil and t.closedAt < tonumber(ARGV[2]))
  if eligible then
    if t then
      local userKey = t.channel .. ':' .. t.userId
      if redis.call('HGET', KEYS[6], userKey) == id then redis.call('HDEL', KEYS[6], userKey) end
      erased = erased + 1
    end
    redis.call('HDEL', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
    redis.call('ZREM', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
    redis.call('ZREM', KEYS[5], id)
    redis.call('ZREM', KEYS[7], id)
    if ARGV[1] == 'user' then redis.call('SREM', KEYS[8], id) end
    redis.call('DEL', KEYS[i + 6])
    redis.call('PUBLISH', ARGV[3], id)
  end
end
if ARGV[1] == 'user' then
  if erased > 0 then redis.call('HINCRBY', KEYS[9], 'erased', erased) end
  if redis.call('SCARD', KEYS[8]) > 0 then return -1 end
end
return erased
