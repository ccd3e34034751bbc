package com.voicegateway.upstream.entity;

import java.util.List;

/**
 * Everything one upstream generation needs. Immutable: retries and the fallback model re-send the
 * same call ({@link #onModel} for the latter). {@code settings} is never null
 * ({@link GenerationSettings#NONE} when the caller set nothing more).
 */
public record ModelCall(String model, String systemInstruction, List<Turn> turns, Double temperature,
        Integer maxOutputTokens, GenerationSettings settings, Speech speech) {

    /**
     * Asks for a spoken reply (Gemini's speech generation: {@code responseModalities: AUDIO}) in
     * {@code voice}, one of the upstream's prebuilt voices ({@code null}: the model's default).
     */
    public record Speech(String voice) {
    }

    public ModelCall {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model call names its model");
        }
        if (turns == null || turns.isEmpty()) {
            throw new IllegalArgumentException("a model call has at least one turn");
        }
        turns = List.copyOf(turns);
        settings = settings == null ? GenerationSettings.NONE : settings;
    }

    /** A text call. */
    public ModelCall(String model, String systemInstruction, List<Turn> turns, Double temperature, Integer maxOutputTokens,
            GenerationSettings settings) {
        this(model, systemInstruction, turns, temperature, maxOutputTokens, settings, null);
    }

    /** A call with no settings beyond temperature and length. */
    public ModelCall(String model, String systemInstruction, List<Turn> turns, Double temperature, Integer maxOutputTokens) {
        this(model, systemInstruction, turns, temperature, maxOutputTokens, GenerationSettings.NONE);
    }

    /**
     * The call's identity, a SHA-256 in hex over every component (model, instruction, turns,
     * temperature, length, every setting, audio and speech): two calls with the same fingerprint ask the same.
     */
    public String fingerprint() {
        return Fingerprint.of(this);
    }

    public ModelCall onModel(String otherModel) {
        return new ModelCall(otherModel, systemInstruction, turns, temperature, maxOutputTokens, settings, speech);
    }
}
