package com.voicegateway.problems.boundary;

import com.voicegateway.problems.entity.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/** A problem as its RFC 9457 JSON object: {@code type, title, status, detail, invalidParams?}. */
public final class ProblemJson {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private ProblemJson() {
    }

    public static JsonObject of(Problem problem) {
        return builder(problem).build();
    }

    /** The problem as a response body: with the request's id (X-Request-Id) when it has one. */
    public static String body(Problem problem, String requestId) {
        JsonObjectBuilder json = builder(problem);
        if (requestId != null) {
            json.add("requestId", requestId);
        }
        return json.build().toString();
    }

    private static JsonObjectBuilder builder(Problem problem) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", problem.type())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail());
        if (problem.invalidParams() != null) {
            JsonArrayBuilder params = JSON.createArrayBuilder();
            problem.invalidParams().forEach(p -> params.add(JSON.createObjectBuilder().add("name", p.name()).add("reason", p.reason())));
            json.add("invalidParams", params);
        }
        return json;
    }
}
