package com.voicegateway.sessions.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Position in an owner's listing: last activity and id of the last session shown. Opaque to clients. */
record SessionCursor(double score, String id) {
    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(((long) score + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static SessionCursor parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            return new SessionCursor(Long.parseLong(parts[0]), parts[1]);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw com.voicegateway.problems.entity.GatewayException.badRequest("cursor",
                    "cursor must be the nextCursor of a previous page");
        }
    }
}

