-- Records when a WhatsApp user last wrote, keeping the newest time (batches and retries arrive out of order).
-- KEYS[1] whatsappContact(waId) hash
-- ARGV[1] at (ms since the epoch), ARGV[2] ttl in seconds
-- Returns 1 when the time was newer and stored, 0 otherwise (the TTL is renewed either way).
local current = tonumber(redis.call('HGET', KEYS[1], 'in'))
local stored = 0
if current == nil or tonumber(ARGV[1]) > current then
  redis.call('HSET', KEYS[1], 'in', ARGV[1])
  stored = 1
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return stored
