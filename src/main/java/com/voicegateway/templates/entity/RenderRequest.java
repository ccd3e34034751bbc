package com.voicegateway.templates.entity;

import java.util.Map;

/** {@code POST /api/v1/templates/{id}/render}; no body renders with no variables. */
public record RenderRequest(Map<String, String> variables) {
}
