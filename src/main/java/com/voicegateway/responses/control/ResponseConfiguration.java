package com.voicegateway.responses.control;

import com.voicegateway.responses.entity.ResponseSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The responses feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class ResponseConfiguration {

    @Produces
    static ResponseSettings responseSettings(Config config) {
        return SettingsReader.read(ResponseSettings.class, config);
    }
}
