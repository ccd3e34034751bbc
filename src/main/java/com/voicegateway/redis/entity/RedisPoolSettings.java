package com.voicegateway.redis.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;

/** The Jedis connection pool (per node in cluster mode). */
public record RedisPoolSettings(
        @Setting(name = "redis.pool.max-total", defaultValue = "64") int maxTotal,
        @Setting(name = "redis.pool.min-idle", defaultValue = "4") int minIdle,
        @Setting(name = "redis.pool.max-wait-ms", defaultValue = "500") long maxWaitMs,
        @Setting(name = "redis.pool.idle-check-ms", defaultValue = "5000") long idleCheckMs,
        @Setting(name = "redis.pool.test-on-borrow", defaultValue = "false") boolean testOnBorrow) {

    /** Every default, as a server with nothing configured has them. */
    public static RedisPoolSettings defaults() {
        return SettingsReader.defaults(RedisPoolSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static RedisPoolSettings of(Map<String, String> values) {
        return SettingsReader.of(RedisPoolSettings.class, values);
    }
}
