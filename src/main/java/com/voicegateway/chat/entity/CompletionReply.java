package com.voicegateway.chat.entity;

/** A whole reply in one JSON body ({@code Accept: application/json}). */
public record CompletionReply(String messageId, String model, String text, String finishReason, Usage usage, long ttftMs) {
}
