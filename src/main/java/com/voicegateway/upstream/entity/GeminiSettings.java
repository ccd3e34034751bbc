package com.voicegateway.upstream.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;
import java.util.Optional;

/** Which upstream the SDK calls, with which key and API version, and the models a request falls back on. */
public record GeminiSettings(
        @Setting(name = "gemini.api-key") Optional<String> apiKey,
        @Setting(name = "gateway.gemini.base-url") Optional<String> baseUrl,
        @Setting(name = "gateway.gemini.api-version", defaultValue = "v1beta") String apiVersion,
        @Setting(name = "gateway.gemini.model", defaultValue = "gemini-2.5-flash") String model,
        @Setting(name = "gateway.gemini.fallback-model") Optional<String> fallbackModel,
        // the server.xml variable, visible to MicroProfile Config: where the emulator is served
        @Setting(name = "http.port", defaultValue = "9080") int httpPort) {

    /** Every default, as a server with nothing configured has them. */
    public static GeminiSettings defaults() {
        return SettingsReader.defaults(GeminiSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static GeminiSettings of(Map<String, String> values) {
        return SettingsReader.of(GeminiSettings.class, values);
    }
}
