package com.voicegateway.upstream.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import com.google.genai.types.PrebuiltVoiceConfig;
import com.google.genai.types.SafetySetting;
import com.google.genai.types.Schema;
import com.google.genai.types.SpeechConfig;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.VoiceConfig;
import com.voicegateway.upstream.entity.GenerationSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import java.util.ArrayList;
import java.util.List;

/** A {@link ModelCall} in the GenAI SDK's types: its turns as contents, its settings as the request config. */
public final class SdkRequests {

    private static final ObjectMapper JSON_TREES = new ObjectMapper();

    private SdkRequests() {
    }

    static List<Content> contents(ModelCall call) {
        List<Content> contents = new ArrayList<>(call.turns().size());
        for (Turn turn : call.turns()) {
            List<Part> parts = new ArrayList<>(2);
            if (turn.audio() != null) {
                parts.add(Part.fromBytes(turn.audio().data(), turn.audio().mimeType()));
            }
            if (turn.audio() == null || !turn.text().isEmpty()) {
                parts.add(Part.fromText(turn.text()));
            }
            contents.add(Content.builder()
                    .role(turn.speaker() == Turn.Speaker.USER ? "user" : "model")
                    .parts(parts)
                    .build());
        }
        return contents;
    }

    public static GenerateContentConfig config(ModelCall call) {
        GenerateContentConfig.Builder config = GenerateContentConfig.builder();
        if (call.systemInstruction() != null && !call.systemInstruction().isBlank()) {
            config.systemInstruction(Content.fromParts(Part.fromText(call.systemInstruction())));
        }
        if (call.temperature() != null) {
            config.temperature(call.temperature().floatValue());
        }
        if (call.maxOutputTokens() != null) {
            config.maxOutputTokens(call.maxOutputTokens());
        }
        settings(call.settings(), config);
        if (call.speech() != null) {
            config.responseModalities("AUDIO");
            if (call.speech().voice() != null && !call.speech().voice().isBlank()) {
                config.speechConfig(SpeechConfig.builder().voiceConfig(VoiceConfig.builder()
                        .prebuiltVoiceConfig(PrebuiltVoiceConfig.builder().voiceName(call.speech().voice()))));
            }
        }
        return config.build();
    }

    /** The settings a Gemini client sent, field for field into the SDK's config. */
    private static void settings(GenerationSettings settings, GenerateContentConfig.Builder config) {
        if (settings.topP() != null) {
            config.topP(settings.topP().floatValue());
        }
        if (settings.topK() != null) {
            config.topK(settings.topK().floatValue());
        }
        if (settings.stopSequences() != null) {
            config.stopSequences(settings.stopSequences());
        }
        if (settings.presencePenalty() != null) {
            config.presencePenalty(settings.presencePenalty().floatValue());
        }
        if (settings.frequencyPenalty() != null) {
            config.frequencyPenalty(settings.frequencyPenalty().floatValue());
        }
        if (settings.seed() != null) {
            config.seed(settings.seed());
        }
        if (settings.responseMimeType() != null) {
            config.responseMimeType(settings.responseMimeType());
        }
        if (settings.responseSchema() != null) {
            config.responseSchema(Schema.fromJson(settings.responseSchema()));
        }
        if (settings.responseJsonSchema() != null) {
            config.responseJsonSchema(jsonTree(settings.responseJsonSchema()));
        }
        if (settings.thinkingConfig() != null) {
            config.thinkingConfig(ThinkingConfig.fromJson(settings.thinkingConfig()));
        }
        if (settings.safetySettings() != null) {
            List<SafetySetting> safety = new ArrayList<>(settings.safetySettings().size());
            for (GenerationSettings.Safety rule : settings.safetySettings()) {
                safety.add(SafetySetting.builder().category(rule.category()).threshold(rule.threshold()).build());
            }
            config.safetySettings(safety);
        }
    }

    private static JsonNode jsonTree(String json) {
        try {
            return JSON_TREES.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("responseJsonSchema is not JSON", e);
        }
    }
}
