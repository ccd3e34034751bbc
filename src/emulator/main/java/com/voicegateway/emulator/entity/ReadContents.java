package com.voicegateway.emulator.entity;

import java.util.List;

/**
 * A request's {@code contents} as the emulator records them: the JSON with every inline payload
 * replaced by its {@link InlineData#marker()}, and the measured inline parts in request order.
 */
public record ReadContents(String loggedJson, List<InlineData> inlineData) {

    public ReadContents {
        inlineData = List.copyOf(inlineData);
    }

    public int audioTokens() {
        return inlineData.stream().mapToInt(InlineData::tokens).sum();
    }
}
