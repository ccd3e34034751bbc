package com.voicegateway.relay.entity;

import com.voicegateway.audio.entity.MessageAudio;

/**
 * A whole reply in one JSON body ({@code Accept: application/json}). A voice turn adds what the user
 * said ({@code transcript}, when one was made) and its spoken reply ({@code audio}); for text replies
 * both are null and left out of the body.
 */
public record CompletionReply(String messageId, String model, String text, String finishReason, Usage usage, long ttftMs,
        String transcript, MessageAudio audio) {

    public CompletionReply(String messageId, String model, String text, String finishReason, Usage usage, long ttftMs) {
        this(messageId, model, text, finishReason, usage, ttftMs, null, null);
    }
}
