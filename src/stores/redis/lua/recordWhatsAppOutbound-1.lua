-- Records our last outbound WhatsApp message to a user and clears the status of the previous one.
-- KEYS[1] whatsappContact(waId) hash
-- ARGV[1] Graph message id, ARGV[2] at (ms since the epoch), ARGV[3] ttl in seconds
-- Returns 1, or 0 when the user has no record (never wrote, or erased their data: we do not re-create it).
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'out', ARGV[1], 'outAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'st', 'sr', 'stAt', 'stErr')
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
