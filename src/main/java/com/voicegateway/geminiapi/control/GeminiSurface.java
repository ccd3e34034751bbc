package com.voicegateway.geminiapi.control;

import com.voicegateway.upstream.control.TokenCounter;

import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.responses.control.CachedReplies;
import com.voicegateway.responses.entity.CachePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * The work behind the Gemini-compatible surface: a Gemini request becomes a {@link ModelCall} and
 * takes the same path as every other reply (relay thread, bulkhead, retries, fallback, metrics), so
 * a Gemini SDK pointed at the gateway gets all of it, the response cache and coalescing included,
 * without knowing.
 */
@ApplicationScoped
public class GeminiSurface {

    @Inject
    CachedReplies replies;

    @Inject
    TokenCounter counter;

    /** {@code generateContent} and {@code streamGenerateContent}: 400 for a request the gateway cannot carry. */
    public void generate(String model, JsonObject request, CachePolicy policy, long arrivedNanos, ReplyChannel channel) {
        replies.reply(GeminiRequestReader.generation(model, request), policy, arrivedNanos, channel);
    }

    /** {@code countTokens}, counted upstream. */
    public int countTokens(String model, JsonObject request) {
        return counter.count(GeminiRequestReader.counting(model, request));
    }
}
