package com.voicegateway.emulator.entity;

import java.util.List;

/**
 * What the emulator will answer to one request: either a failure, a hang, or a reply produced at a
 * given pace, optionally cut or broken by an in-stream error midway. The reply is text (one stream
 * event per token) or, when {@link #speech} is set, audio (one stream event per audio chunk, and
 * no tokens of text).
 *
 * @param promptTokens every prompt token, text and audio
 * @param promptAudioTokens the audio share of {@code promptTokens}
 * @param speech the audio reply, or null for a text reply
 * @param cutAfterTokens end the stream after this many events (tokens or audio chunks), -1 for never
 * @param errorAfterTokens send an in-stream error after this many events, -1 for never
 */
public record ReplyPlan(
        String model,
        int promptTokens,
        int promptAudioTokens,
        List<String> tokens,
        SpeechReply speech,
        long ttftMs,
        double tokensPerSecond,
        int failStatus,
        long retryAfterSeconds,
        boolean hang,
        long hangMs,
        int cutAfterTokens,
        int errorAfterTokens) {

    public ReplyPlan {
        tokens = List.copyOf(tokens);
        if (tokensPerSecond <= 0) {
            throw new IllegalArgumentException("tokensPerSecond must be positive");
        }
        if (promptAudioTokens < 0 || promptAudioTokens > promptTokens) {
            throw new IllegalArgumentException("promptAudioTokens must be between 0 and promptTokens");
        }
        if (speech == null && tokens.isEmpty()) {
            throw new IllegalArgumentException("a text reply needs at least one token");
        }
    }

    public boolean fails() {
        return failStatus > 0;
    }

    public boolean speaks() {
        return speech != null;
    }

    /** Milliseconds between two tokens. */
    public double tokenIntervalMs() {
        return 1000.0 / tokensPerSecond;
    }

    /** Stream events of the reply: its tokens, or its audio chunks. */
    public int events() {
        return speaks() ? speech.chunks() : tokens.size();
    }

    /** Milliseconds between two stream events. */
    public double eventIntervalMs() {
        return speaks() ? speech.chunkIntervalMs() : tokenIntervalMs();
    }

    /** {@code candidatesTokenCount}: one per word of text, or 25 per second of audio. */
    public int outputTokens() {
        return speaks() ? speech.tokens() : tokens.size();
    }

    public String text() {
        return String.join("", tokens);
    }
}
