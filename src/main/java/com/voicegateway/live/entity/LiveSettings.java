package com.voicegateway.live.entity;

import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.settings.control.SettingsReader;
import com.voicegateway.settings.entity.Setting;
import java.util.Map;
import java.util.Optional;

/**
 * Live voice ({@code WS /ws/v1/sessions/{id}/voice}): the upstream Live model, the audio path
 * (Opus out, jitter buffer, queues), the watchdogs and resumption. Where the upstream is and its
 * key are the upstream feature's settings ({@code gateway.gemini.*}).
 */
public record LiveSettings(
        @Setting(name = "gateway.live.model", defaultValue = "gemini-live-2.5-flash-preview") String model,
        @Setting(name = "gateway.live.voice") Optional<String> voice,
        @Setting(name = "gateway.live.upstream-chunk-ms", defaultValue = "40") int upstreamChunkMs,
        @Setting(name = "gateway.live.jitter-ms", defaultValue = "60") int jitterMs,
        @Setting(name = "gateway.live.opus-bitrate", defaultValue = "24000") int opusBitrate,
        @Setting(name = "gateway.live.opus-complexity", defaultValue = "0") int opusComplexity,
        @Setting(name = "gateway.live.opus-application", defaultValue = "LOWDELAY") String opusApplication,
        @Setting(name = "gateway.live.max-buffered-ms", defaultValue = "20000") long maxBufferedMs,
        @Setting(name = "gateway.live.max-buffered-bytes", defaultValue = "262144") int maxBufferedBytes,
        @Setting(name = "gateway.live.max-queued-frames", defaultValue = "500") int maxQueuedFrames,
        @Setting(name = "gateway.live.max-queued-bytes", defaultValue = "524288") int maxQueuedBytes,
        @Setting(name = "gateway.live.max-frame-bytes", defaultValue = "4000") int maxFrameBytes,
        @Setting(name = "gateway.live.max-control-frames-per-second", defaultValue = "20") int maxControlFramesPerSecond,
        @Setting(name = "gateway.live.send-timeout-ms", defaultValue = "5000") long sendTimeoutMs,
        @Setting(name = "gateway.live.idle-timeout-ms", defaultValue = "60000") long idleTimeoutMs,
        @Setting(name = "gateway.live.setup-timeout-ms", defaultValue = "5000") long setupTimeoutMs,
        @Setting(name = "gateway.live.reply-timeout-ms", defaultValue = "8000") long replyTimeoutMs,
        @Setting(name = "gateway.live.silent-reply-ms", defaultValue = "1000") long silentReplyMs,
        @Setting(name = "gateway.live.silence-rms", defaultValue = "60") int silenceRms,
        @Setting(name = "gateway.live.speech-rms", defaultValue = "300") int speechRms,
        @Setting(name = "gateway.live.end-of-speech-ms", defaultValue = "500") long endOfSpeechMs,
        @Setting(name = "gateway.live.barge-in-ms", defaultValue = "120") long bargeInMs,
        @Setting(name = "gateway.live.max-connection-ms", defaultValue = "540000") long maxConnectionMs,
        @Setting(name = "gateway.live.go-away-margin-ms", defaultValue = "500") long goAwayMarginMs,
        @Setting(name = "gateway.live.reconnect-attempts", defaultValue = "4") int reconnectAttempts,
        @Setting(name = "gateway.live.reconnect-backoff-ms", defaultValue = "100") long reconnectBackoffMs,
        @Setting(name = "gateway.live.replay-max-ms", defaultValue = "30000") long replayMaxMs,
        @Setting(name = "gateway.live.resumption-window-seconds", defaultValue = "7200") long resumptionWindowSeconds,
        @Setting(name = "gateway.live.pacer-threads", defaultValue = "2") int pacerThreads) {

    public LiveSettings {
        if (upstreamChunkMs < 20 || upstreamChunkMs % 20 != 0) {
            throw new IllegalArgumentException("gateway.live.upstream-chunk-ms must be a multiple of 20, not " + upstreamChunkMs);
        }
        if (jitterMs < 0 || jitterMs % 20 != 0) {
            throw new IllegalArgumentException("gateway.live.jitter-ms must be 0 or a multiple of 20, not " + jitterMs);
        }
        if (maxBufferedMs < 1000 || maxBufferedMs < jitterMs + 500) {
            throw new IllegalArgumentException("gateway.live.max-buffered-ms must be at least 1000 and 500 more than the jitter buffer, not "
                    + maxBufferedMs);
        }
        if (maxBufferedBytes < 16_384 || maxControlFramesPerSecond < 1 || maxQueuedFrames < 10 || maxQueuedBytes < 16_384 || maxFrameBytes < 1275 || pacerThreads < 1 || reconnectAttempts < 1) {
            throw new IllegalArgumentException("gateway.live queue, frame, thread and attempt limits are too small");
        }
        if (opusComplexity < 0 || opusComplexity > 10) {
            throw new IllegalArgumentException("gateway.live.opus-complexity is 0-10, not " + opusComplexity);
        }
        try {
            OpusSettings.Application.valueOf(opusApplication.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("gateway.live.opus-application is VOIP, AUDIO or LOWDELAY, not " + opusApplication);
        }
    }

    /** How reply audio is encoded: the bitrate, complexity and application set here, 20 ms frames. */
    public OpusSettings replyOpus() {
        return new OpusSettings(opusBitrate, opusComplexity,
                OpusSettings.Application.valueOf(opusApplication.toUpperCase(java.util.Locale.ROOT)), 20);
    }

    /** The jitter buffer's bound in 20 ms frames. */
    public int maxBufferedFrames() {
        return (int) Math.min(Integer.MAX_VALUE, maxBufferedMs / 20);
    }

    /** Every default, as a server with nothing configured has them. */
    public static LiveSettings defaults() {
        return SettingsReader.defaults(LiveSettings.class);
    }

    /** {@code values} (property name to value) over the defaults, for code that runs outside the server. */
    public static LiveSettings of(Map<String, String> values) {
        return SettingsReader.of(LiveSettings.class, values);
    }
}
