package com.voicegateway.chat.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;

/** Limits of the chat WebSocket. */
public record ChatSocketSettings(
        @Setting(name = "gateway.ws.max-message-bytes", defaultValue = "65536") int maxMessageBytes,
        @Setting(name = "gateway.ws.idle-timeout-ms", defaultValue = "300000") long idleTimeoutMs,
        @Setting(name = "gateway.ws.send-timeout-ms", defaultValue = "10000") long sendTimeoutMs,
        @Setting(name = "gateway.ws.max-frames-per-second", defaultValue = "20") int maxFramesPerSecond) {

    /** Every default, as a server with nothing configured has them. */
    public static ChatSocketSettings defaults() {
        return SettingsReader.defaults(ChatSocketSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static ChatSocketSettings of(Map<String, String> values) {
        return SettingsReader.of(ChatSocketSettings.class, values);
    }
}
