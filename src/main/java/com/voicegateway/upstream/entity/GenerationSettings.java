package com.voicegateway.upstream.entity;

import java.util.List;

/**
 * The generation settings of a call beyond temperature and length, as a Gemini client sent them:
 * they go upstream unchanged and, being part of the {@link ModelCall}, part of its identity (two
 * calls that differ only in {@code topK} are different calls). Null means "not set: the upstream's
 * default". JSON-valued settings ({@code responseSchema}, {@code responseJsonSchema},
 * {@code thinkingConfig}) are kept as their JSON text, compact, so that equal settings are equal.
 */
public record GenerationSettings(Double topP, Double topK, List<String> stopSequences, Double presencePenalty,
        Double frequencyPenalty, Integer seed, String responseMimeType, String responseSchema, String responseJsonSchema,
        String thinkingConfig, List<Safety> safetySettings) {

    /** Nothing set beyond what {@link ModelCall} carries itself. */
    public static final GenerationSettings NONE =
            new GenerationSettings(null, null, null, null, null, null, null, null, null, null, null);

    /** One {@code safetySettings} entry, names as Gemini spells them (e.g. HARM_CATEGORY_HARASSMENT, BLOCK_NONE). */
    public record Safety(String category, String threshold) {
        public Safety {
            if (category == null || category.isBlank() || threshold == null || threshold.isBlank()) {
                throw new IllegalArgumentException("a safety setting has a category and a threshold");
            }
        }
    }

    public GenerationSettings {
        stopSequences = stopSequences == null || stopSequences.isEmpty() ? null : List.copyOf(stopSequences);
        safetySettings = safetySettings == null || safetySettings.isEmpty() ? null : List.copyOf(safetySettings);
    }
}
