package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.EmulatorStatus;
import com.voicegateway.emulator.entity.ReplyPlan;
import com.voicegateway.emulator.entity.SpeechReply;
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

    /** One event of a text reply (or the whole unary reply): {@code text}, finished when {@code last}. */
    public static JsonObject chunk(ReplyPlan plan, String responseId, String text, boolean last) {
        return response(plan, responseId, JSON.createObjectBuilder().add("text", text), last);
    }

    /**
     * One event of a speech reply: an {@code inlineData} part of base64 PCM in Gemini's speech format
     * ({@value SpeechReply#MIME_TYPE}); the last also carries the audio's output token count.
     */
    public static JsonObject speechChunk(ReplyPlan plan, String responseId, String base64Pcm, boolean last) {
        return response(plan, responseId, JSON.createObjectBuilder().add("inlineData", JSON.createObjectBuilder()
                .add("mimeType", SpeechReply.MIME_TYPE)
                .add("data", base64Pcm)), last);
    }

    private static JsonObject response(ReplyPlan plan, String responseId, JsonObjectBuilder part, boolean last) {
        JsonObjectBuilder candidate = JSON.createObjectBuilder()
                .add("content", JSON.createObjectBuilder()
                        .add("parts", JSON.createArrayBuilder().add(part))
                        .add("role", "model"))
                .add("index", 0);
        JsonObjectBuilder usage = JSON.createObjectBuilder().add("promptTokenCount", plan.promptTokens());
        if (last) {
            candidate.add("finishReason", "STOP");
            usage.add("candidatesTokenCount", plan.outputTokens());
        }
        usage.add("totalTokenCount", plan.promptTokens() + (last ? plan.outputTokens() : 0));
        if (plan.promptAudioTokens() > 0) {
            usage.add("promptTokensDetails", JSON.createArrayBuilder()
                    .add(modality("TEXT", plan.promptTokens() - plan.promptAudioTokens()))
                    .add(modality("AUDIO", plan.promptAudioTokens())));
        }
        if (last && plan.speaks()) {
            usage.add("candidatesTokensDetails", JSON.createArrayBuilder().add(modality("AUDIO", plan.outputTokens())));
        }
        return JSON.createObjectBuilder()
                .add("candidates", JSON.createArrayBuilder().add(candidate))
                .add("usageMetadata", usage)
                .add("modelVersion", plan.model())
                .add("responseId", responseId)
                .build();
    }

    private static JsonObjectBuilder modality(String modality, int tokens) {
        return JSON.createObjectBuilder().add("modality", modality).add("tokenCount", tokens);
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
