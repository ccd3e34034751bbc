package com.voicegateway.problems.entity;

import java.time.Duration;
import java.util.List;

/**
 * The application's one unchecked root exception: it knows the HTTP status and problem it maps to,
 * so the single exception mapper needs no knowledge of each feature. Integrations subclass it.
 */
public class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String slug;
    private final String title;
    private final int status;
    private final Duration retryAfter;
    private final transient List<Problem.InvalidParam> invalidParams;

    public GatewayException(String slug, String title, int status, String detail, Duration retryAfter, Throwable cause) {
        this(slug, title, status, detail, retryAfter, List.of(), cause);
    }

    public GatewayException(String slug, String title, int status, String detail, Duration retryAfter,
            List<Problem.InvalidParam> invalidParams, Throwable cause) {
        super(detail, cause);
        this.slug = slug;
        this.title = title;
        this.status = status;
        this.retryAfter = retryAfter;
        this.invalidParams = List.copyOf(invalidParams);
    }

    public static GatewayException badRequest(String field, String detail) {
        return new GatewayException("invalid-request", "Invalid request", 400, detail, null,
                List.of(new Problem.InvalidParam(field, detail)), null);
    }

    public static GatewayException unauthorized(String detail) {
        return new GatewayException("unauthorized", "Missing or invalid API key", 401, detail, null, null);
    }

    public static GatewayException forbidden(String detail) {
        return new GatewayException("forbidden", "Not allowed", 403, detail, null, null);
    }

    public static GatewayException payloadTooLarge(long limit) {
        return new GatewayException("payload-too-large", "Request body too large", 413,
                "The request body exceeds the limit of " + limit + " bytes; send a smaller body.", null, null);
    }

    /** The gateway itself is at capacity (streams, threads): retry shortly, maybe on another node. */
    public static GatewayException overloaded(String detail) {
        return new GatewayException("overloaded", "Gateway at capacity", 503, detail, Duration.ofSeconds(1), null);
    }

    public Problem problem() {
        return new Problem("/problems/" + slug, title, status, getMessage(), invalidParams);
    }

    public int status() {
        return status;
    }

    /** Seconds a client should wait before trying again, for 429 and 503; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
