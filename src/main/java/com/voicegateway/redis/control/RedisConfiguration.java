package com.voicegateway.redis.control;

import com.voicegateway.redis.entity.RedisPoolSettings;
import com.voicegateway.redis.entity.RedisSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The redis feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class RedisConfiguration {

    @Produces
    static RedisPoolSettings redisPoolSettings(Config config) {
        return SettingsReader.read(RedisPoolSettings.class, config);
    }

    @Produces
    static RedisSettings redisSettings(Config config) {
        return SettingsReader.read(RedisSettings.class, config);
    }
}
