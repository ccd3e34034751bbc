package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.LiveSettings;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * Gemini Live's server messages ({@code BidiGenerateContentServerMessage}), field for field as the
 * Gemini API writes them: camelCase, one top-level field per message.
 */
public final class LiveWire {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private LiveWire() {
    }

    public static JsonObject setupComplete() {
        return JSON.createObjectBuilder().add("setupComplete", JSON.createObjectBuilder()).build();
    }

    public static JsonObject audio(String base64Pcm) {
        return modelTurn(JSON.createObjectBuilder().add("inlineData", JSON.createObjectBuilder()
                .add("mimeType", LiveSettings.OUTPUT_MIME_TYPE)
                .add("data", base64Pcm)));
    }

    /** A reply part for a setup that asked for {@code responseModalities: ["TEXT"]}. */
    public static JsonObject text(String text) {
        return modelTurn(JSON.createObjectBuilder().add("text", text));
    }

    private static JsonObject modelTurn(JsonObjectBuilder part) {
        return serverContent(JSON.createObjectBuilder().add("modelTurn", JSON.createObjectBuilder()
                .add("parts", JSON.createArrayBuilder().add(part))));
    }

    public static JsonObject inputTranscription(String text) {
        return serverContent(JSON.createObjectBuilder().add("inputTranscription", JSON.createObjectBuilder().add("text", text)));
    }

    public static JsonObject outputTranscription(String text) {
        return serverContent(JSON.createObjectBuilder().add("outputTranscription", JSON.createObjectBuilder().add("text", text)));
    }

    public static JsonObject generationComplete() {
        return serverContent(JSON.createObjectBuilder().add("generationComplete", true));
    }

    public static JsonObject interrupted() {
        return serverContent(JSON.createObjectBuilder().add("interrupted", true));
    }

    /** {@code turnComplete} with the turn's usage, as Gemini sends it: audio counted at 25 tokens a second. */
    public static JsonObject turnComplete(int promptTextTokens, int promptAudioTokens, int responseTokens, String responseModality) {
        JsonObjectBuilder usage = JSON.createObjectBuilder()
                .add("promptTokenCount", promptTextTokens + promptAudioTokens)
                .add("responseTokenCount", responseTokens)
                .add("totalTokenCount", promptTextTokens + promptAudioTokens + responseTokens);
        var promptDetails = JSON.createArrayBuilder();
        if (promptTextTokens > 0) {
            promptDetails.add(modality("TEXT", promptTextTokens));
        }
        if (promptAudioTokens > 0) {
            promptDetails.add(modality("AUDIO", promptAudioTokens));
        }
        usage.add("promptTokensDetails", promptDetails);
        usage.add("responseTokensDetails", JSON.createArrayBuilder().add(modality(responseModality, responseTokens)));
        return JSON.createObjectBuilder()
                .add("serverContent", JSON.createObjectBuilder().add("turnComplete", true))
                .add("usageMetadata", usage)
                .build();
    }

    private static JsonObjectBuilder modality(String modality, int tokens) {
        return JSON.createObjectBuilder().add("modality", modality).add("tokenCount", tokens);
    }

    private static JsonObject serverContent(JsonObjectBuilder content) {
        return JSON.createObjectBuilder().add("serverContent", content).build();
    }

    /** A handle to resume from; Gemini sends one after each completed turn. */
    public static JsonObject resumable(String newHandle) {
        return JSON.createObjectBuilder().add("sessionResumptionUpdate", JSON.createObjectBuilder()
                .add("newHandle", newHandle)
                .add("resumable", true)).build();
    }

    /** While the model generates there is no handle to resume from. */
    public static JsonObject notResumable() {
        return JSON.createObjectBuilder().add("sessionResumptionUpdate", JSON.createObjectBuilder()
                .add("resumable", false)).build();
    }

    public static JsonObject goAway(long timeLeftMs) {
        return JSON.createObjectBuilder().add("goAway", JSON.createObjectBuilder()
                .add("timeLeft", duration(timeLeftMs))).build();
    }

    /** A protobuf {@code Duration} in its JSON form: {@code "50s"}, {@code "1.500s"}. */
    static String duration(long ms) {
        long seconds = ms / 1000;
        long millis = ms % 1000;
        return millis == 0 ? seconds + "s" : String.format("%d.%03ds", seconds, millis);
    }
}
