package com.voicegateway.sessions.control;

import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.sessions.entity.Message;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

/**
 * A message's stored form: one JSON member of the session's message sorted set (role, text,
 * createdAt, complete, optional audio description); the id is added by the append script.
 */
final class MessageCodec {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private MessageCodec() {
    }

    static String json(Message.Role role, String text, long at, boolean complete) {
        return json(role, text, at, complete, null);
    }

    static String json(Message.Role role, String text, long at, boolean complete, MessageAudio audio) {
        jakarta.json.JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("role", role == Message.Role.USER ? "user" : "model")
                .add("text", text)
                .add("createdAt", at)
                .add("complete", complete);
        if (audio != null) {
            jakarta.json.JsonObjectBuilder a = JSON.createObjectBuilder().add("mimeType", audio.mimeType());
            if (audio.durationMs() != null) {
                a.add("durationMs", audio.durationMs());
            }
            if (audio.bytes() != null) {
                a.add("bytes", audio.bytes());
            }
            if (audio.sha256() != null) {
                a.add("sha256", audio.sha256());
            }
            if (audio.url() != null) {
                a.add("url", audio.url());
            }
            json.add("audio", a);
        }
        return json.build().toString();
    }

    static Message message(String member) {
        JsonObject json = READERS.createReader(new StringReader(member)).readObject();
        JsonObject a = json.containsKey("audio") && json.get("audio").getValueType() == jakarta.json.JsonValue.ValueType.OBJECT
                ? json.getJsonObject("audio") : null;
        MessageAudio audio = a == null ? null : new MessageAudio(a.getString("mimeType"),
                a.containsKey("durationMs") ? a.getJsonNumber("durationMs").longValue() : null,
                a.containsKey("bytes") ? a.getJsonNumber("bytes").longValue() : null,
                a.getString("sha256", null), a.getString("url", null));
        return new Message(json.getJsonNumber("id").longValue(),
                "user".equals(json.getString("role")) ? Message.Role.USER : Message.Role.MODEL,
                json.getString("text"), Instant.ofEpochMilli(json.getJsonNumber("createdAt").longValue()),
                json.getBoolean("complete", true), audio);
    }
}
