package com.voicegateway.emulator.entity;

import java.util.List;

/**
 * What the emulator will answer to one request: either a failure, a hang, or a reply of tokens
 * produced at a given pace, optionally cut or broken by an in-stream error midway.
 */
public record ReplyPlan(
        String model,
        int promptTokens,
        List<String> tokens,
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
    }

    public boolean fails() {
        return failStatus > 0;
    }

    /** Milliseconds between two tokens. */
    public double tokenIntervalMs() {
        return 1000.0 / tokensPerSecond;
    }

    public String text() {
        return String.join("", tokens);
    }
}
