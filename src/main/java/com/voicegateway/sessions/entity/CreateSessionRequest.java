package com.voicegateway.sessions.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** {@code POST /api/v1/sessions}: only {@code templateId} is required; {@code ttlSeconds} overrides the idle TTL. */
public record CreateSessionRequest(
        @NotBlank(message = "templateId is required: the prompt template of the conversation")
        @Size(max = 128, message = "templateId must be at most 128 characters")
        @Pattern(regexp = "[A-Za-z0-9._-]+", message = "templateId may contain letters, digits, '.', '_' and '-' only")
        String templateId,
        @Size(max = 50, message = "variables may have at most 50 entries")
        Map<String, String> variables,
        @Size(max = 100, message = "model must be at most 100 characters")
        @Pattern(regexp = "[A-Za-z0-9._/-]+", message = "model may contain letters, digits, '.', '_', '-' and '/' only")
        String model,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "language must be a BCP 47 tag such as en-US")
        String language,
        @jakarta.validation.constraints.Min(value = 1, message = "ttlSeconds must be between 1 and 86400")
        @jakarta.validation.constraints.Max(value = 86_400, message = "ttlSeconds must be between 1 and 86400")
        Integer ttlSeconds) {
}
