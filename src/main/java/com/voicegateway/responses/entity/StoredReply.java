package com.voicegateway.responses.entity;

import java.io.Serializable;
import java.util.List;

/**
 * A complete upstream reply as the response cache keeps it: the chunk texts in order, so that a
 * hit is replayed in the same streaming shape, and what its {@code done} said.
 */
public record StoredReply(String model, List<String> deltas, String finishReason, int promptTokens, int outputTokens)
        implements Serializable {

    public StoredReply {
        deltas = List.copyOf(deltas);
    }
}
