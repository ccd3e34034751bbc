package com.voicegateway.audio.entity;

/**
 * How to encode Opus. The defaults ({@link #voice()}) suit speech sent to and from a model: 24 kbit/s
 * is transparent enough for recognition and well under a mobile uplink, complexity 5 costs about half
 * the CPU of 10 for a small quality loss, 20 ms frames are what WebRTC and browsers send.
 */
public record OpusSettings(int bitrate, int complexity, Application application, int frameMillis) {

    /** The libopus application modes: tuning for speech, for general audio, or for lowest delay. */
    public enum Application {
        VOIP, AUDIO, LOWDELAY
    }

    public static final int MIN_BITRATE = 6_000;
    public static final int MAX_BITRATE = 510_000;

    public OpusSettings {
        if (bitrate < MIN_BITRATE || bitrate > MAX_BITRATE) {
            throw new IllegalArgumentException(
                    "bitrate must be " + MIN_BITRATE + "-" + MAX_BITRATE + " bit/s, was " + bitrate);
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be 0-10, was " + complexity);
        }
        if (application == null) {
            throw new IllegalArgumentException("application must be VOIP, AUDIO or LOWDELAY, was null");
        }
        if (frameMillis != 10 && frameMillis != 20 && frameMillis != 40 && frameMillis != 60) {
            throw new IllegalArgumentException("frameMillis must be 10, 20, 40 or 60, was " + frameMillis);
        }
    }

    public static OpusSettings voice() {
        return new OpusSettings(24_000, 5, Application.VOIP, 20);
    }

    public OpusSettings withBitrate(int bitsPerSecond) {
        return new OpusSettings(bitsPerSecond, complexity, application, frameMillis);
    }

    public OpusSettings withComplexity(int level) {
        return new OpusSettings(bitrate, level, application, frameMillis);
    }

    public OpusSettings withFrameMillis(int millis) {
        return new OpusSettings(bitrate, complexity, application, millis);
    }

    /** Samples per channel in one frame at {@code sampleRate}. */
    public int frameSamples(int sampleRate) {
        return sampleRate * frameMillis / 1000;
    }
}
