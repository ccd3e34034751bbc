package com.voicegateway.upstream.entity;

/**
 * One piece of a streamed reply. {@code finishReason} is set on the last chunk only. A speech reply
 * carries {@code audio} (PCM as the upstream sent it, of {@code audioMimeType}); a text reply has
 * none ({@code null}).
 */
public record UpstreamChunk(String text, String finishReason, int promptTokens, int outputTokens, byte[] audio,
        String audioMimeType) {

    public UpstreamChunk {
        text = text == null ? "" : text;
    }

    public UpstreamChunk(String text, String finishReason, int promptTokens, int outputTokens) {
        this(text, finishReason, promptTokens, outputTokens, null, null);
    }

    public boolean last() {
        return finishReason != null;
    }

    public boolean hasAudio() {
        return audio != null && audio.length > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UpstreamChunk chunk && text.equals(chunk.text)
                && java.util.Objects.equals(finishReason, chunk.finishReason) && promptTokens == chunk.promptTokens
                && outputTokens == chunk.outputTokens && java.util.Arrays.equals(audio, chunk.audio)
                && java.util.Objects.equals(audioMimeType, chunk.audioMimeType);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(text, finishReason, promptTokens, outputTokens, java.util.Arrays.hashCode(audio), audioMimeType);
    }

    @Override
    public String toString() {
        return "UpstreamChunk[text=" + text + ", finishReason=" + finishReason + ", promptTokens=" + promptTokens
                + ", outputTokens=" + outputTokens + (audio == null ? "" : ", audio=" + audio.length + " bytes " + audioMimeType) + "]";
    }
}
