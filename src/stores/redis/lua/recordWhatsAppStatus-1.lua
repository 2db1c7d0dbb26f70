-- Keeps a delivery status when it concerns the user's last outbound message and does not go backwards
-- (sent 1 < delivered 2 < read 3; failed 4 is final).
-- KEYS[1] whatsappContact(waId) hash
-- ARGV[1] Graph message id, ARGV[2] status, ARGV[3] its rank, ARGV[4] at (ms), ARGV[5] error code or '', ARGV[6] ttl in seconds
-- Returns 1 when kept, 0 when ignored (another message, older status, or already failed).
if redis.call('HGET', KEYS[1], 'out') ~= ARGV[1] then
  return 0
end
local rank = tonumber(ARGV[3])
local current = tonumber(redis.call('HGET', KEYS[1], 'sr'))
if current ~= nil and (current == 4 or current > rank) then
  return 0
end
redis.call('HSET', KEYS[1], 'st', ARGV[2], 'sr', ARGV[3], 'stAt', ARGV[4])
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'stErr', ARGV[5])
else
  redis.call('HDEL', KEYS[1], 'stErr')
end
redis.call('EXPIRE', KEYS[1], ARGV[6])
return 1
