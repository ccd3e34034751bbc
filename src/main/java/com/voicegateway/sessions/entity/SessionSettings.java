package com.voicegateway.sessions.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;

/** How long sessions and their turn locks live, and how much history a session keeps. */
public record SessionSettings(
        @Setting(name = "gateway.sessions.ttl-seconds", defaultValue = "1800") long ttlSeconds,
        @Setting(name = "gateway.sessions.max-messages", defaultValue = "200") int maxMessages,
        @Setting(name = "gateway.sessions.turn-lock-seconds", defaultValue = "300") long turnLockSeconds) {

    /** Every default, as a server with nothing configured has them. */
    public static SessionSettings defaults() {
        return SettingsReader.defaults(SessionSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static SessionSettings of(Map<String, String> values) {
        return SettingsReader.of(SessionSettings.class, values);
    }
}
