package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.EmulatorStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Gemini's response and error bodies, field for field as the real API writes them. */
public final class GeminiWire {

    private GeminiWire() {
    }

    public static JsonObject chunk(String model, String responseId, String text, String finishReason,
            int promptTokens, int outputTokens) {
        JsonObjectBuilder candidate = Json.createObjectBuilder()
                .add("content", Json.createObjectBuilder()
                        .add("parts", Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", text)))
                        .add("role", "model"))
                .add("index", 0);
        JsonObjectBuilder usage = Json.createObjectBuilder().add("promptTokenCount", promptTokens);
        if (finishReason != null) {
            candidate.add("finishReason", finishReason);
            usage.add("candidatesTokenCount", outputTokens);
        }
        usage.add("totalTokenCount", promptTokens + (finishReason != null ? outputTokens : 0));
        return Json.createObjectBuilder()
                .add("candidates", Json.createArrayBuilder().add(candidate))
                .add("usageMetadata", usage)
                .add("modelVersion", model)
                .add("responseId", responseId)
                .build();
    }

    public static JsonObject error(int code, String message, long retryAfterSeconds) {
        JsonObjectBuilder error = Json.createObjectBuilder()
                .add("code", code)
                .add("message", message)
                .add("status", EmulatorStatus.nameFor(code));
        if (retryAfterSeconds > 0) {
            error.add("details", Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .add("retryDelay", retryAfterSeconds + "s")));
        }
        return Json.createObjectBuilder().add("error", error).build();
    }

    public static JsonObject tokenCount(int tokens) {
        return Json.createObjectBuilder().add("totalTokens", tokens).build();
    }
}
