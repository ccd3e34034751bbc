package com.voicegateway.upstream.control;

import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.voicegateway.upstream.entity.UpstreamException;
import com.voicegateway.upstream.entity.UpstreamRejectedException;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import java.time.Duration;

/**
 * What the GenAI SDK throws, as the gateway's upstream failures: unavailable (retried, with the
 * upstream's {@code Retry-After}), or rejected (not retried).
 */
final class SdkFailures {

    private SdkFailures() {
    }

    /** Maps what the SDK throws to the gateway's upstream failures, keeping the upstream's Retry-After. */
    static UpstreamException translate(RuntimeException failure) {
        String retryAfterHeader = UpstreamInterceptor.takeRetryAfter();
        if (failure instanceof UpstreamException upstream) {
            return upstream;
        }
        if (failure instanceof ApiException api) {
            int code = api.code();
            String detail = "Upstream answered " + code + " " + api.status() + ": " + api.message();
            if (code == 408 || code == 429 || code >= 500) {
                return new UpstreamUnavailableException(code, detail, retryAfter(retryAfterHeader), failure);
            }
            // Gemini answers an invalid key with 400 "API key not valid": the gateway's fault, not the client's.
            boolean credential = code == 400 && String.valueOf(api.message()).contains("API key");
            return new UpstreamRejectedException(credential ? 403 : code, detail, failure);
        }
        if (failure instanceof GenAiIOException) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return new UpstreamUnavailableException(0, "Upstream I/O failure: " + describe(cause) + ".", null, failure);
        }
        return new UpstreamUnavailableException(0, "The upstream call failed.", null, failure);
    }

    /**
     * What went wrong on the way to the upstream, in words for the client: never the exception's
     * class or message, which name Java types, hosts and ports (the exception stays the problem's
     * cause, for the log).
     */
    static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.io.InterruptedIOException) {
                return "the upstream did not answer in time";
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return "the upstream could not be reached";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS connection to the upstream failed";
            }
        }
        return "the connection to the upstream failed";
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                long millis = java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli() - System.currentTimeMillis();
                return Duration.ofMillis(Math.max(0, millis));
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
