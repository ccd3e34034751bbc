package com.voicegateway.geminiapi.boundary;

import com.voicegateway.problems.entity.Problem;

/** Gemini's error shape for code outside the JAX-RS surface (the container's error page): the same as {@link GeminiErrorFilter}. */
public final class GeminiErrors {

    private GeminiErrors() {
    }

    /** Whether a request path (with or without its leading slash) is on the Gemini-compatible surface. */
    public static boolean underGemini(String path) {
        return GeminiErrorFilter.underGemini(path);
    }

    /** The problem as Gemini's {@code {"error": {"code", "message", "status", "details"}}}. */
    public static String body(Problem problem, long retryAfterSeconds) {
        return GeminiJson.error(problem, retryAfterSeconds).toString();
    }
}
