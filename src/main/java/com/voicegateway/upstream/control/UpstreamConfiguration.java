package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.GeminiSettings;
import com.voicegateway.upstream.entity.UpstreamSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/** The upstream feature's settings, read from MicroProfile Config for injection. */
@Dependent
public class UpstreamConfiguration {

    @Produces
    static GeminiSettings geminiSettings(Config config) {
        return SettingsReader.read(GeminiSettings.class, config);
    }

    @Produces
    static UpstreamSettings upstreamSettings(Config config) {
        return SettingsReader.read(UpstreamSettings.class, config);
    }
}
