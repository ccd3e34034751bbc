package com.voicegateway.chat.boundary;

import com.voicegateway.chat.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The JSON payloads of reply events, shared by the SSE, NDJSON and (later) WebSocket formats. */
final class ReplyJson {

    private ReplyJson() {
    }

    static JsonObject delta(String text) {
        return Json.createObjectBuilder().add("text", text).build();
    }

    static JsonObject done(ReplyDone done) {
        return Json.createObjectBuilder()
                .add("messageId", done.messageId())
                .add("model", done.model())
                .add("finishReason", done.finishReason())
                .add("usage", Json.createObjectBuilder()
                        .add("promptTokens", done.usage().promptTokens())
                        .add("outputTokens", done.usage().outputTokens()))
                .add("ttftMs", done.ttftMs())
                .add("cached", done.cached())
                .build();
    }

    static JsonObject problem(Problem problem) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", problem.type())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail());
        if (problem.invalidParams() != null) {
            JsonArrayBuilder params = Json.createArrayBuilder();
            problem.invalidParams().forEach(p -> params.add(Json.createObjectBuilder().add("name", p.name()).add("reason", p.reason())));
            json.add("invalidParams", params);
        }
        return json.build();
    }
}
