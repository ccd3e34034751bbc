package com.voicegateway.emulator.entity;

/**
 * The audio half of a {@link ReplyPlan} when the request asked for speech: how much audio, cut
 * into how many stream events, written how much faster than real time.
 */
public record SpeechReply(long durationMs, long chunkMs, double realtime) {

    /** The one output format of Gemini's speech models: 16-bit little-endian mono PCM at 24 kHz. */
    public static final String MIME_TYPE = "audio/L16;codec=pcm;rate=24000";
    public static final int SAMPLE_RATE = 24_000;
    /** Output audio is billed at 25 tokens per second. */
    public static final int TOKENS_PER_SECOND = 25;

    public SpeechReply {
        if (durationMs <= 0 || chunkMs <= 0) {
            throw new IllegalArgumentException("durationMs and chunkMs must be positive");
        }
        if (realtime <= 0) {
            throw new IllegalArgumentException("realtime must be positive");
        }
    }

    public int chunks() {
        return (int) ((durationMs + chunkMs - 1) / chunkMs);
    }

    public int tokens() {
        return (int) Math.ceil(durationMs * TOKENS_PER_SECOND / 1000.0);
    }

    /** Wall-clock milliseconds between two chunks: a chunk's audio length over the real-time factor. */
    public double chunkIntervalMs() {
        return chunkMs / realtime;
    }

    public long totalSamples() {
        return durationMs * SAMPLE_RATE / 1000;
    }

    /** First sample of chunk {@code index}. */
    public long firstSample(int index) {
        return index * chunkMs * SAMPLE_RATE / 1000;
    }

    public int samplesIn(int index) {
        return (int) (Math.min(totalSamples(), firstSample(index + 1)) - firstSample(index));
    }
}
