--[[
  Records when a WhatsApp user last wrote (the newest time is kept: batches and retries arrive out of order),
  unless a key of the same id says the message must go elsewhere first: the conversation key the id is linked to
  (at the webhook) or the target of a number change from the id left part-way (before the turn). One id's hash tag.

  KEYS[1]  whatsappLink(id) or whatsappMove(id) (string)
  KEYS[2]  whatsappContact(id) (hash, field `in`)
  ARGV[1]  at (ms since the epoch)
  ARGV[2]  the contact record's lifetime in seconds (renewed)

  Returns the value of KEYS[1] when it exists (nothing recorded), else false once the time is recorded.
]]
local found = redis.call('GET', KEYS[1])
if found then
  return found
end
local current = tonumber(redis.call('HGET', KEYS[2], 'in'))
if current == nil or tonumber(ARGV[1]) > current then
  redis.call('HSET', KEYS[2], 'in', ARGV[1])
end
redis.call('EXPIRE', KEYS[2], ARGV[2])
return false
