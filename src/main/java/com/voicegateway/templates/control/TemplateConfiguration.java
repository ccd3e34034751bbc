package com.voicegateway.templates.control;

import com.voicegateway.templates.entity.TemplateSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The templates feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class TemplateConfiguration {

    @Produces
    static TemplateSettings templateSettings(Config config) {
        return SettingsReader.read(TemplateSettings.class, config);
    }
}
