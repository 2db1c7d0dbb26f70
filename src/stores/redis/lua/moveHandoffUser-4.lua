--[[
  A WhatsApp number change: the user's tickets now belong to their new id, so the caseworker's replies reach the
  new number and "delete my data" from it erases them. Moves the ticket's user (and conversation, which is the
  user id on WhatsApp), the open-ticket index and the user's ticket set. When the new id already has an open
  ticket, that one stays the open one. Idempotent.

  KEYS[1]  hash of tickets
  KEYS[2]  hash of open tickets by user key
  KEYS[3]  set of the old id's ticket ids
  KEYS[4]  set of the new id's ticket ids
  ARGV[1]  channel
  ARGV[2]  old user id
  ARGV[3]  new user id
  ARGV[4]  pub/sub channel announcing changes

  Returns how many tickets were moved.
]]
local channel, old, new = ARGV[1], ARGV[2], ARGV[3]
local moved = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local json = redis.call('HGET', KEYS[1], id)
  if json then
    local t = cjson.decode(json)
    if t.channel == channel and t.userId == old then
      t.userId = new
      if t.conversationId == old then t.conversationId = new end
      redis.call('HSET', KEYS[1], id, cjson.encode(t))
      redis.call('PUBLISH', ARGV[4], id)
      moved = moved + 1
    end
  end
  redis.call('SADD', KEYS[4], id)
end
redis.call('DEL', KEYS[3])
local oldField, newField = channel .. ':' .. old, channel .. ':' .. new
local open = redis.call('HGET', KEYS[2], oldField)
if open then
  if not redis.call('HGET', KEYS[2], newField) then redis.call('HSET', KEYS[2], newField, open) end
  redis.call('HDEL', KEYS[2], oldField)
end
return moved
