-- Turns a hold into a booking, or books a free seat of the same slot when the hold lapsed. Idempotent per
-- hold id. A move (ARGV[10]) frees the old seat in this same step, only once the new seat is taken.
-- KEYS[1] holds ZSET, KEYS[2] holdInfo HASH, KEYS[3] heldCount HASH, KEYS[4] bookedCount HASH
-- KEYS[5] bookings HASH ref -> JSON, KEYS[6] personRefs HASH personKey -> "ref ref …"
-- KEYS[7] byTime ZSET ref -> start ms, KEYS[8] reminders ZSET "<ref>|<kind>" -> due ms
-- KEYS[9] confirmed marker of this hold id (STRING ref, expires)
-- ARGV: now, personKey, holdId, slot, capacity, ref, bookingJson, startMs, maxUpcoming, replacesRef or '',
--       markerTtlMs, then pairs of (reminder kind, due ms)
-- Returns ref (string) booked, {ref} already booked by this hold, -1 full, -2 limit, -3 collision, -4 not movable.
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, p in ipairs(expired) do
  local i = redis.call('HGET', KEYS[2], p)
  if i then
    local s = string.match(i, '^(.*)|[^|]*$')
    if redis.call('HINCRBY', KEYS[3], s, -1) <= 0 then redis.call('HDEL', KEYS[3], s) end
    redis.call('HDEL', KEYS[2], p)
  end
  redis.call('ZREM', KEYS[1], p)
end
local person, holdId, slot, ref = ARGV[2], ARGV[3], ARGV[4], ARGV[6]
local done = redis.call('GET', KEYS[9])
if done then return { done } end
if redis.call('HEXISTS', KEYS[5], ref) == 1 then return -3 end
local refs = redis.call('HGET', KEYS[6], person) or ''
local replaces = ARGV[10]
local old
if replaces ~= '' then
  local raw = redis.call('HGET', KEYS[5], replaces)
  if raw then old = cjson.decode(raw) end
  if not old or old.personKey ~= person or old.status ~= 'booked' or tonumber(old.startMs) <= now then return -4 end
end
local upcoming = 0
for r in string.gmatch(refs, '%S+') do
  if r ~= replaces then
    local raw = redis.call('HGET', KEYS[5], r)
    if raw then
      local b = cjson.decode(raw)
      if b.status == 'booked' and tonumber(b.startMs) > now then upcoming = upcoming + 1 end
    end
  end
end
if upcoming >= tonumber(ARGV[9]) then return -2 end
local info = redis.call('HGET', KEYS[2], person)
local holding = info == (slot .. '|' .. holdId)
if not holding then
  local taken = tonumber(redis.call('HGET', KEYS[4], slot) or '0') + tonumber(redis.call('HGET', KEYS[3], slot) or '0')
  if taken >= tonumber(ARGV[5]) then return -1 end
else
  if redis.call('HINCRBY', KEYS[3], slot, -1) <= 0 then redis.call('HDEL', KEYS[3], slot) end
  redis.call('HDEL', KEYS[2], person)
  redis.call('ZREM', KEYS[1], person)
end
redis.call('HINCRBY', KEYS[4], slot, 1)
redis.call('HSET', KEYS[5], ref, ARGV[7])
redis.call('HSET', KEYS[6], person, (refs == '' and ref) or (refs .. ' ' .. ref))
redis.call('ZADD', KEYS[7], tonumber(ARGV[8]), ref)
if old then
  old.status = 'moved'
  old.movedTo = ref
  old.updatedAt = now
  redis.call('HSET', KEYS[5], replaces, cjson.encode(old))
  if redis.call('HINCRBY', KEYS[4], old.slot, -1) <= 0 then redis.call('HDEL', KEYS[4], old.slot) end
  redis.call('ZREM', KEYS[8], replaces .. '|dayBefore', replaces .. '|morning')
end
for i = 12, #ARGV, 2 do
  redis.call('ZADD', KEYS[8], tonumber(ARGV[i + 1]), ref .. '|' .. ARGV[i])
end
redis.call('SET', KEYS[9], ref, 'PX', tonumber(ARGV[11]))
return ref
