package com.voicegateway.gemini.control;

import com.voicegateway.chat.control.RelayThreads;
import com.voicegateway.chat.control.ReplyChannel;
import com.voicegateway.gemini.entity.ModelCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * The work behind the Gemini-compatible surface: a Gemini request becomes a {@link ModelCall} and
 * takes the same path as every other reply (relay thread, bulkhead, retries, fallback, metrics), so
 * a Gemini SDK pointed at the gateway gets all of it without knowing.
 */
@ApplicationScoped
public class GeminiSurface {

    @Inject
    RelayThreads threads;

    @Inject
    TokenCounter counter;

    /** {@code generateContent} and {@code streamGenerateContent}: 400 for a request the gateway cannot carry. */
    public void generate(String model, JsonObject request, long arrivedNanos, ReplyChannel channel) {
        relay(GeminiRequestReader.generation(model, request), arrivedNanos, channel);
    }

    /** {@code countTokens}, counted upstream. */
    public int countTokens(String model, JsonObject request) {
        return counter.count(GeminiRequestReader.counting(model, request));
    }

    /** Every Gemini-surface reply starts here. */
    private void relay(ModelCall call, long arrivedNanos, ReplyChannel channel) {
        threads.relay(call, arrivedNanos, channel);
    }
}
