package com.voicegateway.emulator.entity;

import java.util.Locale;

/**
 * One {@code inlineData} part of a request, reduced to what the emulator keeps of it: the bytes
 * themselves are dropped as soon as they are measured, so that the request log never holds a
 * payload. {@link #marker()} stands in for the payload wherever the request is recorded.
 *
 * @param seconds the audio's duration (0 for data that is not audio)
 */
public record InlineData(String mimeType, long bytes, String sha256, double seconds) {

    /** Gemini's documented rate for audio in a prompt: 32 tokens per second. */
    public static final int AUDIO_TOKENS_PER_SECOND = 32;

    public InlineData {
        if (mimeType == null || mimeType.isBlank()) {
            throw new IllegalArgumentException("mimeType is required");
        }
        if (bytes < 0 || seconds < 0) {
            throw new IllegalArgumentException("bytes and seconds cannot be negative");
        }
    }

    public boolean isAudio() {
        return mimeType.toLowerCase(Locale.ROOT).startsWith("audio/");
    }

    /** Prompt tokens of this part: audio at 32 per second, rounded up; other data counts nothing. */
    public int tokens() {
        return isAudio() ? (int) Math.ceil(seconds * AUDIO_TOKENS_PER_SECOND) : 0;
    }

    /** What the request log records instead of the base64 payload, e.g. {@code <inlineData audio/ogg 18255 bytes sha256=...>}. */
    public String marker() {
        return "<inlineData " + mimeType + " " + bytes + " bytes sha256=" + sha256 + ">";
    }
}
