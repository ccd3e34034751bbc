package com.voicegateway.relay.boundary;

import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.boundary.ProblemJson;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.audio.entity.MessageAudio;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import java.util.Map;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The JSON payloads of reply events, shared by the SSE, NDJSON and WebSocket formats. */
public final class ReplyJson {

    /** One factory: JSON.createObjectBuilder() looks the provider up on every call, and this runs per delta. */
    public static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private ReplyJson() {
    }

    public static JsonObject delta(String text) {
        return JSON.createObjectBuilder().add("text", text).build();
    }

    public static JsonObject transcript(String text) {
        return JSON.createObjectBuilder().add("text", text).build();
    }

    /** A spoken reply: {@code url} and {@code mimeType} always, {@code durationMs} null until it is complete, {@code bytes} once it is. */
    public static JsonObject audio(MessageAudio audio) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("url", audio.url()).add("mimeType", audio.mimeType());
        if (audio.durationMs() == null) {
            json.addNull("durationMs");
        } else {
            json.add("durationMs", audio.durationMs());
        }
        if (audio.bytes() != null) {
            json.add("bytes", audio.bytes());
        }
        return json.build();
    }

    public static JsonObject done(ReplyDone done) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("messageId", done.messageId())
                .add("model", done.model())
                .add("finishReason", done.finishReason())
                .add("usage", JSON.createObjectBuilder()
                        .add("promptTokens", done.usage().promptTokens())
                        .add("outputTokens", done.usage().outputTokens()))
                .add("ttftMs", done.ttftMs())
                .add("cached", done.cached());
        if (done.audio() != null) {
            json.add("audio", audio(done.audio()));
        }
        return json.build();
    }

    /**
     * An event as one self-describing object, {@code {"type": ..., ...payload}}: an NDJSON line or a
     * WebSocket frame. The event's {@code type} comes first; a problem's own {@code type} (its URI)
     * would collide with it, so in an error event it is called {@code problemType}.
     */
    public static JsonObject event(String type, JsonObject payload) {
        JsonObjectBuilder event = JSON.createObjectBuilder().add("type", type);
        payload.forEach((name, value) -> event.add("type".equals(name) ? "problemType" : name, value));
        return event.build();
    }

    public static JsonObject problem(Problem problem) {
        return ProblemJson.of(problem);
    }

}
