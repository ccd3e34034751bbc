package com.voicegateway.live.control;

import com.voicegateway.live.entity.LiveSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The live voice feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class LiveConfiguration {

    @Produces
    static LiveSettings liveSettings(Config config) {
        return SettingsReader.read(LiveSettings.class, config);
    }
}
