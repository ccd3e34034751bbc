package com.voicegateway.redis.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;
import java.util.Optional;

/** Where Redis is and how long a command may take; see docs/configuration.md for the URL forms. */
public record RedisSettings(
        @Setting(name = "redis.url") Optional<String> url,
        @Setting(name = "redis.mode") Optional<String> mode,
        @Setting(name = "redis.nodes") Optional<String> nodes,
        @Setting(name = "redis.sentinel.master") Optional<String> sentinelMaster,
        @Setting(name = "redis.user") Optional<String> user,
        @Setting(name = "redis.password") Optional<String> password,
        @Setting(name = "redis.ssl", defaultValue = "false") boolean ssl,
        @Setting(name = "redis.connect-timeout-ms", defaultValue = "500") int connectTimeoutMs,
        @Setting(name = "redis.timeout-ms", defaultValue = "1000") int timeoutMs,
        @Setting(name = "redis.cluster.max-attempts", defaultValue = "3") int clusterMaxAttempts,
        @Setting(name = "redis.health-interval-ms", defaultValue = "1000") long healthIntervalMs) {

    /** Every default, as a server with nothing configured has them. */
    public static RedisSettings defaults() {
        return SettingsReader.defaults(RedisSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static RedisSettings of(Map<String, String> values) {
        return SettingsReader.of(RedisSettings.class, values);
    }
}
