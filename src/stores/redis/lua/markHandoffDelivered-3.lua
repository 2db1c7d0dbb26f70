--[[
  Marks a held caseworker message (found by its send key) as delivered once the user wrote again, or as failed.
  A delivered reply counts as the caseworker's answer to what the user wrote before it; a user message written
  after it still owes an answer (the owed-answer clock restarts from that message).

  KEYS[1]  hash of tickets
  KEYS[2]  the ticket's transcript list (JSON entries, oldest first)
  KEYS[3]  sorted set of owed answers
  ARGV[1]  ticket id
  ARGV[2]  send key of the message
  ARGV[3]  `sent` or `failed`
  ARGV[4]  when (ms)
  ARGV[5]  pub/sub channel announcing changes

  Returns 1 when this call changed it, 0 when no such held message exists (already delivered, or erased).
]]
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return 0 end
local entries = redis.call('LRANGE', KEYS[2], 0, -1)
for i = #entries, 1, -1 do
  local entry = cjson.decode(entries[i])
  if entry.sendKey == ARGV[2] then
    if entry.delivery ~= 'held' then return 0 end
    local at = tonumber(ARGV[4])
    entry.delivery = ARGV[3]
    if ARGV[3] == 'sent' then
      entry.deliveredAt = at
      local t = cjson.decode(json)
      if t.lastCaseworkerReplyAt == nil or t.lastCaseworkerReplyAt < entry.at then t.lastCaseworkerReplyAt = entry.at end
      if t.status == 'assigned' or t.status == 'transferred' then
        if t.lastUserMessageAt ~= nil and t.lastUserMessageAt > entry.at then
          t.awaitingReplySince = t.lastUserMessageAt
          redis.call('ZADD', KEYS[3], t.lastUserMessageAt, ARGV[1])
        else
          t.awaitingReplySince = nil
          redis.call('ZREM', KEYS[3], ARGV[1])
        end
      end
      redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(t))
    end
    redis.call('LSET', KEYS[2], i - 1, cjson.encode(entry))
    redis.call('PUBLISH', ARGV[5], ARGV[1])
    return 1
  end
end
return 0
