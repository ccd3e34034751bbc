package com.voicegateway.voice.control;

import com.voicegateway.voice.entity.VoiceSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The voice feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class VoiceConfiguration {

    @Produces
    static VoiceSettings voiceSettings(Config config) {
        return SettingsReader.read(VoiceSettings.class, config);
    }
}
