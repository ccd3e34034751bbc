package com.voicegateway.monitoring.entity;

import com.voicegateway.settings.entity.Setting;
import java.util.Optional;

/** The JSON access log: one line per request, written off the request threads. */
public record AccessLogSettings(
        @Setting(name = "gateway.access-log.enabled", defaultValue = "true") boolean enabled,
        @Setting(name = "gateway.access-log.file") Optional<String> file,
        @Setting(name = "gateway.access-log.queue", defaultValue = "10000") int queue) {

    public AccessLogSettings {
        if (queue < 100) {
            throw new IllegalArgumentException("gateway.access-log.queue must be at least 100, not " + queue);
        }
    }
}
