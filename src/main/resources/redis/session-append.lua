-- Appends a user message and the model's reply with the next two ids, trims the history to its cap,
-- and slides the TTL of all the session's keys, atomically. Returns the first id, or nil when the
-- session is gone or not the caller's.
-- KEYS[1] session hash, KEYS[2] messages; ARGV: owner, (unused), cap, nowMs, userJson, modelJson
-- (the JSON objects come without their id; it is put first here).
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return nil
end
local ttl = redis.call('HGET', KEYS[1], 'ttl')
local first = redis.call('HINCRBY', KEYS[1], 'seq', 2) - 1
redis.call('ZADD', KEYS[2], first, '{"id":' .. first .. ',' .. string.sub(ARGV[5], 2))
redis.call('ZADD', KEYS[2], first + 1, '{"id":' .. (first + 1) .. ',' .. string.sub(ARGV[6], 2))
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[3]) + 1))
redis.call('HSET', KEYS[1], 'lastActivity', ARGV[4], 'messageCount', redis.call('ZCARD', KEYS[2]))
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return first
