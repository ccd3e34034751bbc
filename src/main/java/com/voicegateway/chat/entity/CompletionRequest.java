package com.voicegateway.chat.entity;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** {@code POST /api/v1/completions}: one user text, no session. */
public record CompletionRequest(
        @NotBlank(message = "input is required: the user text to complete")
        @Size(max = 100_000, message = "input must be at most 100000 characters")
        String input,
        @Size(max = 100, message = "model must be at most 100 characters")
        @Pattern(regexp = "[A-Za-z0-9._/-]+", message = "model may contain letters, digits, '.', '_', '-' and '/' only")
        String model,
        @Size(max = 128, message = "templateId must be at most 128 characters")
        String templateId,
        Map<String, String> variables,
        @DecimalMin(value = "0.0", message = "temperature must be between 0 and 2")
        @DecimalMax(value = "2.0", message = "temperature must be between 0 and 2")
        Double temperature,
        @Min(value = 1, message = "maxOutputTokens must be between 1 and 65536")
        @Max(value = 65_536, message = "maxOutputTokens must be between 1 and 65536")
        Integer maxOutputTokens) {
}
