package com.voicegateway.sessions.boundary;

import com.voicegateway.sessions.entity.Message;
import com.voicegateway.sessions.entity.MessageAudio;
import com.voicegateway.sessions.entity.Session;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The public shapes of sessions and messages (API.md): no owner, ids and times as the client sees them. */
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

    /**
     * {@code audio} is a {@link MessageAudio} for a spoken message and null for a text message, written
     * as {@code "audio": null} as API.md shows it. It is declared {@code Object} because Yasson leaves
     * out a null of a record-typed component, {@code @JsonbNillable} notwithstanding.
     */
    public record MessageView(long id, String role, String text, Instant createdAt, @JsonbNillable Object audio, boolean complete) {
        static MessageView of(Message message) {
            return new MessageView(message.id(), message.role() == Message.Role.USER ? "user" : "model", message.text(),
                    message.createdAt(), message.audio(), message.complete());
        }
    }

    public record PageView<T>(List<T> items, @JsonbNillable String nextCursor) {
    }
}
