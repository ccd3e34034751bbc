package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.EmulatorStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/** Gemini's response and error bodies, field for field as the real API writes them. */
public final class GeminiWire {

    /** JSON.createObjectBuilder() looks the provider up on every call: once per token was the emulator's top CPU cost. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private GeminiWire() {
    }

    public static JsonObject chunk(String model, String responseId, String text, String finishReason,
            int promptTokens, int outputTokens) {
        JsonObjectBuilder candidate = JSON.createObjectBuilder()
                .add("content", JSON.createObjectBuilder()
                        .add("parts", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("text", text)))
                        .add("role", "model"))
                .add("index", 0);
        JsonObjectBuilder usage = JSON.createObjectBuilder().add("promptTokenCount", promptTokens);
        if (finishReason != null) {
            candidate.add("finishReason", finishReason);
            usage.add("candidatesTokenCount", outputTokens);
        }
        usage.add("totalTokenCount", promptTokens + (finishReason != null ? outputTokens : 0));
        return JSON.createObjectBuilder()
                .add("candidates", JSON.createArrayBuilder().add(candidate))
                .add("usageMetadata", usage)
                .add("modelVersion", model)
                .add("responseId", responseId)
                .build();
    }

    public static JsonObject error(int code, String message, long retryAfterSeconds) {
        JsonObjectBuilder error = JSON.createObjectBuilder()
                .add("code", code)
                .add("message", message)
                .add("status", EmulatorStatus.nameFor(code));
        if (retryAfterSeconds > 0) {
            error.add("details", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                    .add("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .add("retryDelay", retryAfterSeconds + "s")));
        }
        return JSON.createObjectBuilder().add("error", error).build();
    }

    public static JsonObject tally(long count, long cancelled) {
        return JSON.createObjectBuilder().add("count", count).add("cancelled", cancelled).build();
    }

    public static JsonObject tokenCount(int tokens) {
        return JSON.createObjectBuilder().add("totalTokens", tokens).build();
    }
}
