package com.voicegateway.templates.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/v1/templates/{id}}. */
public record PutTemplateRequest(
        @NotNull(message = "text is required: the Mustache text of the template")
        @Size(max = 100_000, message = "text must be at most 100000 characters")
        String text,
        @Size(max = 1_000, message = "description must be at most 1000 characters")
        String description) {
}
