-- One template hash, one slot: the version and the content it numbers change together.
-- KEYS[1] template hash; ARGV: text, description, updatedAt (epoch millis). Returns the new version.
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'text', ARGV[1], 'description', ARGV[2], 'updatedAt', ARGV[3])
return version
