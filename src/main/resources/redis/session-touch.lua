-- Reads a session and slides the idle TTL of all its keys at once, if the caller owns it.
-- KEYS[1] session hash, KEYS[2] its messages; ARGV: owner, nowMs. The TTL is the session's own field.
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return nil
end
local ttl = redis.call('HGET', KEYS[1], 'ttl')
redis.call('HSET', KEYS[1], 'lastActivity', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return redis.call('HGETALL', KEYS[1])
