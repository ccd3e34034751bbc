package com.voicegateway.security.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;
import java.util.Optional;

/** The API keys (hashes) and the JSON body limit. */
public record SecuritySettings(
        @Setting(name = "gateway.api-keys") Optional<String> apiKeys,
        @Setting(name = "gateway.request.max-body-bytes", defaultValue = "1048576") long maxBodyBytes,
        @Setting(name = "gateway.request.max-json-depth", defaultValue = "64") int maxJsonDepth) {

    /** Every default, as a server with nothing configured has them. */
    public static SecuritySettings defaults() {
        return SettingsReader.defaults(SecuritySettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static SecuritySettings of(Map<String, String> values) {
        return SettingsReader.of(SecuritySettings.class, values);
    }
}
