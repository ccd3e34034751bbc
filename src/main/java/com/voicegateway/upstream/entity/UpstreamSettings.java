package com.voicegateway.upstream.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;

/**
 * Timeouts, pool and backoff of upstream calls. The settings the fault-tolerance annotations read
 * as well (TTFT timeout, bulkhead, circuit delay) have their default in
 * microprofile-config.properties, next to the annotation parameters that use them; the settings
 * only the annotations read (retry-max, circuit-volume, ...) are there alone.
 */
public record UpstreamSettings(
        @Setting(name = "gateway.upstream.ttft-timeout-ms") long ttftTimeoutMs,
        @Setting(name = "gateway.upstream.total-timeout-ms", defaultValue = "120000") long totalTimeoutMs,
        @Setting(name = "gateway.upstream.connect-timeout-ms", defaultValue = "5000") long connectTimeoutMs,
        @Setting(name = "gateway.upstream.max-idle-connections", defaultValue = "256") int maxIdleConnections,
        @Setting(name = "gateway.upstream.max-streams") int maxStreams,
        @Setting(name = "gateway.upstream.retry-delay-ms", defaultValue = "200") long retryDelayMs,
        @Setting(name = "gateway.upstream.retry-max-delay-ms", defaultValue = "2000") long retryMaxDelayMs,
        @Setting(name = "gateway.upstream.retry-after-cap-ms", defaultValue = "5000") long retryAfterCapMs,
        @Setting(name = "gateway.upstream.circuit-delay-ms") long circuitDelayMs) {

    /** Every default, as a server with nothing configured has them. */
    public static UpstreamSettings defaults() {
        return SettingsReader.defaults(UpstreamSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static UpstreamSettings of(Map<String, String> values) {
        return SettingsReader.of(UpstreamSettings.class, values);
    }
}
