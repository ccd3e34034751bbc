package com.voicegateway.gemini.entity;

/** One piece of a streamed reply. {@code finishReason} is set on the last chunk only. */
public record UpstreamChunk(String text, String finishReason, int promptTokens, int outputTokens) {

    public UpstreamChunk {
        text = text == null ? "" : text;
    }

    public boolean last() {
        return finishReason != null;
    }
}
