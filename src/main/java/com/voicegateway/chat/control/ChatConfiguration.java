package com.voicegateway.chat.control;

import com.voicegateway.chat.entity.ChatSocketSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The chat feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class ChatConfiguration {

    @Produces
    static ChatSocketSettings chatSocketSettings(Config config) {
        return SettingsReader.read(ChatSocketSettings.class, config);
    }
}
