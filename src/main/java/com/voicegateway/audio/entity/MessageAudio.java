package com.voicegateway.audio.entity;

/**
 * What a message's audio was: for a spoken user message the upload as received (media type, length,
 * SHA-256 of the original bytes) and its duration; for a spoken reply its media type, duration and
 * the {@code url} it is served at. Fields that do not apply are null.
 */
public record MessageAudio(String mimeType, Long durationMs, Long bytes, String sha256, String url) {

    public MessageAudio {
        if (mimeType == null || mimeType.isBlank()) {
            throw new IllegalArgumentException("message audio has a media type");
        }
    }

    public static MessageAudio upload(String mimeType, long durationMs, long bytes, String sha256) {
        return new MessageAudio(mimeType, durationMs, bytes, sha256, null);
    }

    public static MessageAudio reply(String mimeType, long durationMs, long bytes, String url) {
        return new MessageAudio(mimeType, durationMs, bytes, null, url);
    }
}
