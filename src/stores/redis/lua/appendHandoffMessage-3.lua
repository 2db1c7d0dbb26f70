--[[
  Adds one line to a ticket's transcript and updates its message times: a user message starts the owed-answer
  clock of an assigned ticket (unless it runs), a sent caseworker message stops it. Media go on the ticket too.

  KEYS[1]  hash of tickets
  KEYS[2]  the ticket's transcript list (JSON entries, oldest first)
  KEYS[3]  sorted set of owed answers
  ARGV[1]  ticket id
  ARGV[2]  entry JSON
  ARGV[3]  WhatsApp window closing time (ms), or '' when unchanged
  ARGV[4]  pub/sub channel announcing changes
  ARGV[5]  how many of the last entries are searched for the entry's turn key

  Returns 1 (also when a line of the same turn key is already there: nothing changes), or -1 when the ticket
  does not exist.
]]
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return -1 end
local t = cjson.decode(json)
local entry = cjson.decode(ARGV[2])
if entry.turn then
  for _, line in ipairs(redis.call('LRANGE', KEYS[2], -tonumber(ARGV[5]), -1)) do
    local ok, seen = pcall(cjson.decode, line)
    if ok and type(seen) == 'table' and seen.turn == entry.turn then return 1 end
  end
end
redis.call('RPUSH', KEYS[2], ARGV[2])
if entry.from == 'user' then
  t.lastUserMessageAt = entry.at
  if (t.status == 'assigned' or t.status == 'transferred') and t.awaitingReplySince == nil then
    t.awaitingReplySince = entry.at
    redis.call('ZADD', KEYS[3], entry.at, ARGV[1])
  end
  if entry.media then
    if type(t.media) ~= 'table' then t.media = {} end
    table.insert(t.media, entry.media)
    while #t.media > 20 do table.remove(t.media, 1) end
  end
elseif entry.from == 'caseworker' and entry.delivery == 'sent' then
  t.lastCaseworkerReplyAt = entry.at
  t.awaitingReplySince = nil
  redis.call('ZREM', KEYS[3], ARGV[1])
end
if ARGV[3] ~= '' then t.windowClosesAt = tonumber(ARGV[3]) end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
redis.call('PUBLISH', ARGV[4], ARGV[1])
return 1
