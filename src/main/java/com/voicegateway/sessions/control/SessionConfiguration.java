package com.voicegateway.sessions.control;

import com.voicegateway.sessions.entity.SessionSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The sessions feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class SessionConfiguration {

    @Produces
    static SessionSettings sessionSettings(Config config) {
        return SettingsReader.read(SessionSettings.class, config);
    }
}
