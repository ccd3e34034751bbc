package com.voicegateway.security.control;

import com.voicegateway.security.entity.SecuritySettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The security feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class SecurityConfiguration {

    @Produces
    static SecuritySettings securitySettings(Config config) {
        return SettingsReader.read(SecuritySettings.class, config);
    }
}
