package com.voicegateway.caching.control;

import com.voicegateway.caching.entity.HazelcastSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The caching feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class CachingConfiguration {

    @Produces
    static HazelcastSettings hazelcastSettings(Config config) {
        return SettingsReader.read(HazelcastSettings.class, config);
    }
}
