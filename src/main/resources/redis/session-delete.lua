-- KEYS[1] session hash, KEYS[2] messages, KEYS[3] turn lock; ARGV: owner
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return 1
