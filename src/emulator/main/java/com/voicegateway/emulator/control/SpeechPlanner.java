package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.Directives;
import com.voicegateway.emulator.entity.SpeechReply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;

/**
 * Decides whether a request asks for speech and how much. Gemini answers with audio from its TTS
 * models ({@code gemini-2.5-flash-preview-tts}) and from any model asked for
 * {@code generationConfig.responseModalities: ["AUDIO"]}; the emulator does the same.
 */
final class SpeechPlanner {

    /** A speaking rate of 150 words a minute, so a reply lasts about as long as reading the prompt aloud. */
    static final long MS_PER_WORD = 400;
    static final long DEFAULT_CHUNK_MS = 200;
    /** Faster than real time by default: tests of a 7-second reply should not take 7 seconds. */
    static final double DEFAULT_REALTIME = 10;
    /** Bounds what one request can make the emulator hold: 10 minutes is 28.8 MB of PCM. */
    static final long MAX_AUDIO_MS = 600_000;
    static final long MIN_CHUNK_MS = 20;

    private static final String DIRECTIVE_BLOCK = "\\[\\[emulator[^\\]]*]]";

    private SpeechPlanner() {
    }

    static boolean wantsSpeech(String model, JsonObject request) {
        if (model.toLowerCase(Locale.ROOT).contains("tts")) {
            return true;
        }
        JsonValue config = request.containsKey("generationConfig") ? request.get("generationConfig") : request.get("generation_config");
        if (config == null || config.getValueType() != JsonValue.ValueType.OBJECT) {
            return false;
        }
        JsonObject settings = config.asJsonObject();
        JsonValue modalities = settings.containsKey("responseModalities") ? settings.get("responseModalities")
                : settings.get("response_modalities");
        if (modalities == null || modalities.getValueType() != JsonValue.ValueType.ARRAY) {
            return false;
        }
        for (JsonValue modality : (JsonArray) modalities) {
            if (modality instanceof JsonString name && "AUDIO".equalsIgnoreCase(name.getString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code audioMs} sets the length, else the text to speak (directives left out) at 150 words a
     * minute, at least one second; {@code maxOutputTokens} caps it at 25 tokens a second, as it caps text.
     */
    static SpeechReply plan(Directives directives, String textToSpeak, long maxOutputTokens) {
        int words = ReplyPlanner.countWords(textToSpeak.replaceAll(DIRECTIVE_BLOCK, " "));
        long durationMs = directives.number("audioMs", Math.max(1000, words * MS_PER_WORD));
        if (maxOutputTokens < Long.MAX_VALUE) {
            durationMs = Math.min(durationMs, maxOutputTokens * 1000 / SpeechReply.TOKENS_PER_SECOND);
        }
        durationMs = Math.max(MIN_CHUNK_MS, Math.min(MAX_AUDIO_MS, durationMs));
        long chunkMs = Math.max(MIN_CHUNK_MS, Math.min(durationMs, directives.number("audioChunkMs", DEFAULT_CHUNK_MS)));
        double realtime = Math.max(0.01, directives.decimal("realtime", DEFAULT_REALTIME));
        return new SpeechReply(durationMs, chunkMs, realtime);
    }
}
