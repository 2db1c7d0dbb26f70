--[[
  Conditionally writes one conversation/user state item (botbuilder Storage with eTags).

  KEYS[1]  the item's hash key
  ARGV[1]  expected eTag: "" or "*" writes unconditionally
  ARGV[2]  JSON of the item (without eTag)
  ARGV[3]  idle lifetime in seconds

  Returns the new eTag (string), or -1 when the stored eTag differs from the expected one.
]]
local expected = ARGV[1]
if expected ~= '' and expected ~= '*' then
  local current = redis.call('HGET', KEYS[1], 'e')
  if current and current ~= expected then
    return -1
  end
end
local etag = tostring(redis.call('HINCRBY', KEYS[1], 'v', 1))
redis.call('HSET', KEYS[1], 'e', etag, 'd', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return etag
