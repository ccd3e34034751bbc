package com.voicegateway.templates.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;

/** The template cache. */
public record TemplateSettings(
        @Setting(name = "gateway.templates.cache-ttl-seconds", defaultValue = "300") long cacheTtlSeconds) {

    /** Every default, as a server with nothing configured has them. */
    public static TemplateSettings defaults() {
        return SettingsReader.defaults(TemplateSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static TemplateSettings of(Map<String, String> values) {
        return SettingsReader.of(TemplateSettings.class, values);
    }
}
