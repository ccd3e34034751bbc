package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The audio feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class AudioConfiguration {

    @Produces
    static AudioSettings audioSettings(Config config) {
        return SettingsReader.read(AudioSettings.class, config);
    }
}
