package com.voicegateway.sessions.entity;

import java.time.Instant;
import java.util.Map;

/**
 * A conversation, as stored in Redis. {@code owner} is the principal that created it: no other
 * principal may see it. {@code expiresAt} slides with every use (idle TTL).
 */
public record Session(String id, String owner, String templateId, String model, String language,
        Map<String, String> variables, Instant createdAt, Instant expiresAt, int messageCount) {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("s_[0-9a-zA-Z]{16,40}");

    /** Also guards Redis keys: nothing but letters and digits after the prefix can reach a key name. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Session {
        if (!validId(id)) {
            throw new IllegalArgumentException("a session id looks like s_<16-40 letters and digits>");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("a session has an owner");
        }
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
