package com.voicegateway.chat.entity;

/** The {@code done} event: the reply is complete. */
public record ReplyDone(String messageId, String finishReason, Usage usage, long ttftMs, boolean cached) {
}
