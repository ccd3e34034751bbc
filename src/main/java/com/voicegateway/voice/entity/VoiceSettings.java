package com.voicegateway.voice.entity;

import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;
import java.util.Optional;

/**
 * Voice turns: transcript, speech and the spoken reply in Redis. The Opus complexity of a voice
 * turn's upload ({@code gateway.voice.upload-complexity}) is in the audio feature's settings: the
 * audio feature encodes it.
 */
public record VoiceSettings(
        @Setting(name = "gateway.voice.transcribe", defaultValue = "true") boolean transcribe,
        @Setting(name = "gateway.voice.transcription-model", defaultValue = "gemini-2.5-flash") String transcriptionModel,
        @Setting(name = "gateway.voice.transcript-wait-ms", defaultValue = "5000") long transcriptWaitMs,
        @Setting(name = "gateway.voice.speech-model", defaultValue = "gemini-2.5-flash-preview-tts") String speechModel,
        @Setting(name = "gateway.voice.voice") Optional<String> voice,
        @Setting(name = "gateway.voice.reply-bitrate", defaultValue = "24000") int replyBitrate,
        @Setting(name = "gateway.voice.reply-complexity", defaultValue = "0") int replyComplexity,
        @Setting(name = "gateway.voice.reply-ttl-seconds", defaultValue = "1800") long replyTtlSeconds,
        @Setting(name = "gateway.voice.reply-stall-ms", defaultValue = "60000") long replyStallMs,
        @Setting(name = "gateway.voice.max-remote-downloads", defaultValue = "16") int maxRemoteDownloads) {

    /** Every default, as a server with nothing configured has them. */
    public static VoiceSettings defaults() {
        return SettingsReader.defaults(VoiceSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static VoiceSettings of(Map<String, String> values) {
        return SettingsReader.of(VoiceSettings.class, values);
    }
}
