package com.voicegateway.audio.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;
import java.util.Optional;

/**
 * Uploads, the codec executor, Opus encoding and the response compression filter. The voice turn's
 * upload complexity is here, not with the voice settings, because this feature encodes the upload.
 */
public record AudioSettings(
        @Setting(name = "gateway.audio.max-upload-bytes", defaultValue = "52428800") long maxUploadBytes,
        @Setting(name = "gateway.audio.temp-dir") Optional<String> tempDir,
        @Setting(name = "gateway.audio.codec-threads", defaultValue = "0") int codecThreads,
        @Setting(name = "gateway.audio.codec-queue", defaultValue = "32") int codecQueue,
        @Setting(name = "gateway.audio.opus-bitrate", defaultValue = "24000") int opusBitrate,
        @Setting(name = "gateway.audio.opus-complexity", defaultValue = "5") int opusComplexity,
        @Setting(name = "gateway.voice.upload-complexity", defaultValue = "0") int voiceUploadComplexity,
        @Setting(name = "gateway.compression.gzip-min-bytes", defaultValue = "1024") int gzipMinBytes) {

    /** Every default, as a server with nothing configured has them. */
    public static AudioSettings defaults() {
        return SettingsReader.defaults(AudioSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static AudioSettings of(Map<String, String> values) {
        return SettingsReader.of(AudioSettings.class, values);
    }
}
