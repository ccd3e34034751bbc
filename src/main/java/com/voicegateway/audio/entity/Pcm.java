package com.voicegateway.audio.entity;

import java.time.Duration;

/**
 * A block of 16-bit linear PCM: mono, or interleaved frames when {@code channels} is 2. The array is
 * owned by the record once passed in (no defensive copy: audio blocks are large and handed along a
 * pipeline, never shared between streams).
 */
public record Pcm(short[] samples, int sampleRate, int channels) {

    public Pcm {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, was " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(
                    samples.length + " samples do not make whole frames of " + channels + " channels");
        }
    }

    public static Pcm mono(short[] samples, int sampleRate) {
        return new Pcm(samples, sampleRate, 1);
    }

    /** Samples per channel. */
    public int frames() {
        return samples.length / channels;
    }

    public Duration duration() {
        return Duration.ofNanos(frames() * 1_000_000_000L / sampleRate);
    }
}
