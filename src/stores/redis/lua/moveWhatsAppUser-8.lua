-- Moves one WhatsApp user's records to their new id (number change), all in one step.
-- KEYS are pairs (old, new): [1,2] conversation state, [3,4] user state, [5,6] contact record, [7,8] numbered menu.
-- No ARGV. Returns how many records moved.
-- A record the new id already has wins and the old one is dropped; RENAME keeps the remaining lifetime.
-- The two ids hash to different slots: this script needs a single Redis node (Redis Cluster refuses it, CROSSSLOT).
local moved = 0
for i = 1, #KEYS, 2 do
  local old, new = KEYS[i], KEYS[i + 1]
  if old ~= new and redis.call('EXISTS', old) == 1 then
    if redis.call('EXISTS', new) == 0 then
      redis.call('RENAME', old, new)
      moved = moved + 1
    else
      redis.call('DEL', old)
    end
  end
end
return moved
