-- Keeps a session's newest Live resumption handle in the session hash, if the caller owns the session,
-- so it expires and is deleted with the session. KEYS[1] session hash; ARGV: owner, handle, nowMs.
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'liveHandle', ARGV[2], 'liveHandleAt', ARGV[3])
return 1
