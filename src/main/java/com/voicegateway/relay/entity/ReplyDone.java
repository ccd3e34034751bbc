package com.voicegateway.relay.entity;

import com.voicegateway.audio.entity.MessageAudio;

/**
 * The {@code done} event: the reply is complete. {@code model} is the one that answered (the fallback,
 * if it did). A voice turn's {@code done} also carries its spoken reply's {@code audio} (null otherwise,
 * and for a voice turn whose speech could not be produced).
 */
public record ReplyDone(String messageId, String model, String finishReason, Usage usage, long ttftMs, boolean cached,
        MessageAudio audio) {

    /** A text reply's {@code done}. */
    public ReplyDone(String messageId, String model, String finishReason, Usage usage, long ttftMs, boolean cached) {
        this(messageId, model, finishReason, usage, ttftMs, cached, null);
    }
}
