package com.voicegateway.geminiapi.boundary;

import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's response and error bodies as the Gemini API writes them ({@code GenerateContentResponse},
 * {@code {"error": {"code", "message", "status", "details"}}}), so that Gemini SDKs parse the
 * gateway's answers unchanged.
 */
final class GeminiJson {

    /** One factory: Json.createObjectBuilder() looks the provider up on every call, and this runs per chunk. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private GeminiJson() {
    }

    /** A streamed chunk with text: no finish reason yet, so no token counts either. */
    static JsonObject chunk(String text, String responseId) {
        return JSON.createObjectBuilder()
                .add("candidates", JSON.createArrayBuilder().add(candidate(text, null)))
                .add("responseId", responseId)
                .build();
    }

    /** The last chunk of a stream, or the whole reply of {@code generateContent} when {@code text} is all of it. */
    static JsonObject last(String text, ReplyDone done, String responseId) {
        int prompt = done.usage().promptTokens();
        int output = done.usage().outputTokens();
        return JSON.createObjectBuilder()
                .add("candidates", JSON.createArrayBuilder().add(candidate(text, done.finishReason())))
                .add("usageMetadata", JSON.createObjectBuilder()
                        .add("promptTokenCount", prompt)
                        .add("candidatesTokenCount", output)
                        .add("totalTokenCount", prompt + output))
                .add("modelVersion", done.model())
                .add("responseId", responseId)
                .build();
    }

    static JsonObject tokenCount(int tokens) {
        return JSON.createObjectBuilder().add("totalTokens", tokens).build();
    }

    private static JsonObjectBuilder candidate(String text, String finishReason) {
        JsonObjectBuilder candidate = JSON.createObjectBuilder()
                .add("content", JSON.createObjectBuilder()
                        .add("parts", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("text", text)))
                        .add("role", "model"));
        if (finishReason != null) {
            candidate.add("finishReason", finishReason);
        }
        return candidate.add("index", 0);
    }

    /**
     * A problem in Gemini's error shape. The gateway's own problem type survives as an
     * {@code ErrorInfo} reason, invalid fields as a {@code BadRequest}, and a retry delay as a
     * {@code RetryInfo} (Gemini's way of saying Retry-After).
     */
    static JsonObject error(Problem problem, long retryAfterSeconds) {
        JsonArrayBuilder details = JSON.createArrayBuilder();
        String slug = problem.type().substring(problem.type().lastIndexOf('/') + 1);
        details.add(JSON.createObjectBuilder()
                .add("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .add("reason", slug.toUpperCase(Locale.ROOT).replace('-', '_'))
                .add("domain", "voice-gateway"));
        if (problem.invalidParams() != null) {
            JsonArrayBuilder violations = JSON.createArrayBuilder();
            problem.invalidParams().forEach(p -> violations.add(JSON.createObjectBuilder()
                    .add("field", p.name()).add("description", p.reason())));
            details.add(JSON.createObjectBuilder()
                    .add("@type", "type.googleapis.com/google.rpc.BadRequest")
                    .add("fieldViolations", violations));
        }
        if (retryAfterSeconds > 0) {
            details.add(JSON.createObjectBuilder()
                    .add("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .add("retryDelay", retryAfterSeconds + "s"));
        }
        return JSON.createObjectBuilder().add("error", JSON.createObjectBuilder()
                .add("code", problem.status())
                .add("message", problem.detail())
                .add("status", status(problem.status()))
                .add("details", details))
                .build();
    }

    /** Google's canonical status name for an HTTP status, as Gemini's errors carry it. */
    static String status(int code) {
        return switch (code) {
            case 400, 406, 411, 413, 415 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 405, 501 -> "UNIMPLEMENTED";
            case 409 -> "ABORTED";
            case 412 -> "FAILED_PRECONDITION";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 502, 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> code < 500 ? "INVALID_ARGUMENT" : "INTERNAL";
        };
    }
}
