package com.voicegateway.caching.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;

/** The embedded Hazelcast member behind JCache: whom it joins, on which port, in which cluster. */
public record HazelcastSettings(
        @Setting(name = "gateway.hazelcast.members", defaultValue = "127.0.0.1") String members,
        @Setting(name = "gateway.hazelcast.port", defaultValue = "5701") int port,
        @Setting(name = "gateway.hazelcast.cluster-name", defaultValue = "voice-gateway") String clusterName) {

    /** Every default, as a server with nothing configured has them. */
    public static HazelcastSettings defaults() {
        return SettingsReader.defaults(HazelcastSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static HazelcastSettings of(Map<String, String> values) {
        return SettingsReader.of(HazelcastSettings.class, values);
    }
}
