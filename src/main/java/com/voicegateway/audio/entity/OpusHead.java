package com.voicegateway.audio.entity;

/**
 * The identification header of an Ogg/Opus stream (RFC 7845 section 5.1), as far as a mono or stereo
 * stream with channel mapping family 0 needs it. {@code preSkip} is in 48 kHz samples whatever the
 * input rate; {@code inputSampleRate} is informational (0 when unknown) and only a hint for choosing
 * a decode rate.
 */
public record OpusHead(int channels, int preSkip, long inputSampleRate, int outputGainQ8) {

    public OpusHead {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, was " + channels);
        }
        if (preSkip < 0 || preSkip > 0xFFFF) {
            throw new IllegalArgumentException("preSkip must be 0-65535, was " + preSkip);
        }
        if (inputSampleRate < 0) {
            throw new IllegalArgumentException("inputSampleRate must not be negative, was " + inputSampleRate);
        }
    }
}
