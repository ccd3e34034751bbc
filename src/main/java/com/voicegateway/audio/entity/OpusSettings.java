package com.voicegateway.audio.entity;

/**
 * How to encode Opus. The defaults ({@link #voice()}) suit speech sent to and from a model: 24 kbit/s
 * is transparent enough for recognition and well under a mobile uplink, complexity 5 costs about half
 * the CPU of 10 for a small quality loss, 20 ms frames are what WebRTC and browsers send.
 */
public record OpusSettings(int bitrate, int complexity, Application application, int frameMillis, Bandwidth maxBandwidth) {

    /** The libopus application modes: tuning for speech, for general audio, or for lowest delay. */
    public enum Application {
        VOIP, AUDIO, LOWDELAY
    }

    /**
     * The widest audio band the encoder may code. {@code AUTO}: as wide as the rate and bitrate allow
     * (at 24 kHz, super-wideband: SILK below 8 kHz plus a CELT layer up to 12 kHz, "hybrid").
     * {@code WIDEBAND}: audio up to 8 kHz, SILK only, no CELT layer (cheaper to encode; what HD voice
     * calls wideband). The packets decode at any rate either way.
     */
    public enum Bandwidth {
        AUTO, WIDEBAND, SUPERWIDEBAND, FULLBAND
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
        if (maxBandwidth == null) {
            throw new IllegalArgumentException("maxBandwidth must be AUTO, WIDEBAND, SUPERWIDEBAND or FULLBAND, was null");
        }
    }

    /** As wide a band as the rate and bitrate allow. */
    public OpusSettings(int bitrate, int complexity, Application application, int frameMillis) {
        this(bitrate, complexity, application, frameMillis, Bandwidth.AUTO);
    }

    public static OpusSettings voice() {
        return new OpusSettings(24_000, 5, Application.VOIP, 20);
    }

    public OpusSettings withBitrate(int bitsPerSecond) {
        return new OpusSettings(bitsPerSecond, complexity, application, frameMillis, maxBandwidth);
    }

    public OpusSettings withComplexity(int level) {
        return new OpusSettings(bitrate, level, application, frameMillis, maxBandwidth);
    }

    public OpusSettings withFrameMillis(int millis) {
        return new OpusSettings(bitrate, complexity, application, millis, maxBandwidth);
    }

    public OpusSettings withApplication(Application mode) {
        return new OpusSettings(bitrate, complexity, mode, frameMillis, maxBandwidth);
    }

    public OpusSettings withMaxBandwidth(Bandwidth band) {
        return new OpusSettings(bitrate, complexity, application, frameMillis, band);
    }

    /** Samples per channel in one frame at {@code sampleRate}. */
    public int frameSamples(int sampleRate) {
        return sampleRate * frameMillis / 1000;
    }
}
