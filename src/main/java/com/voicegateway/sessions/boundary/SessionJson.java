package com.voicegateway.sessions.boundary;

import com.voicegateway.sessions.entity.Session;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The public shapes of sessions and pages (API.md): no owner, ids and times as the client sees them. */
public final class SessionJson {

    private SessionJson() {
    }

    public record SessionView(String id, String templateId, String model, String language, Map<String, String> variables,
            Instant createdAt, Instant expiresAt, int messageCount) {
        static SessionView of(Session session) {
            return new SessionView(session.id(), session.templateId(), session.model(), session.language(),
                    session.variables(), session.createdAt(), session.expiresAt(), session.messageCount());
        }
    }


    public record PageView<T>(List<T> items, @JsonbNillable String nextCursor) {
    }
}
