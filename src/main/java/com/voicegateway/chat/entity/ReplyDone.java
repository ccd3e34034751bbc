package com.voicegateway.chat.entity;

/** The {@code done} event: the reply is complete. {@code model} is the one that answered (the fallback, if it did). */
public record ReplyDone(String messageId, String model, String finishReason, Usage usage, long ttftMs, boolean cached) {
}
