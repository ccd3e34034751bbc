package com.voicegateway.chat.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/sessions/{id}/messages}. */
public record SendMessageRequest(
        @NotBlank(message = "text is required: the user's message")
        @Size(max = 100_000, message = "text must be at most 100000 characters")
        String text) {
}
