package com.voicegateway.responses.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;

/** The response cache and request coalescing. */
public record ResponseSettings(
        @Setting(name = "gateway.responses.enabled", defaultValue = "true") boolean enabled,
        @Setting(name = "gateway.responses.cache-ttl-seconds", defaultValue = "300") long cacheTtlSeconds,
        @Setting(name = "gateway.responses.cache-max-entries", defaultValue = "10000") int cacheMaxEntries,
        @Setting(name = "gateway.responses.max-entry-bytes", defaultValue = "262144") long maxEntryBytes,
        @Setting(name = "gateway.responses.coalescing", defaultValue = "true") boolean coalescing) {

    /** Every default, as a server with nothing configured has them. */
    public static ResponseSettings defaults() {
        return SettingsReader.defaults(ResponseSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static ResponseSettings of(Map<String, String> values) {
        return SettingsReader.of(ResponseSettings.class, values);
    }
}
