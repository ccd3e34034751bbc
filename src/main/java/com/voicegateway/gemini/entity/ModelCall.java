package com.voicegateway.gemini.entity;

import java.util.List;

/**
 * Everything one upstream generation needs. Immutable: retries and the fallback model re-send the
 * same call ({@link #onModel} for the latter).
 */
public record ModelCall(String model, String systemInstruction, List<Turn> turns, Double temperature,
        Integer maxOutputTokens) {

    public ModelCall {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model call names its model");
        }
        if (turns == null || turns.isEmpty()) {
            throw new IllegalArgumentException("a model call has at least one turn");
        }
        turns = List.copyOf(turns);
    }

    public ModelCall onModel(String otherModel) {
        return new ModelCall(otherModel, systemInstruction, turns, temperature, maxOutputTokens);
    }
}
