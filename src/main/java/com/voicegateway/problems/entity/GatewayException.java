package com.voicegateway.problems.entity;

import java.time.Duration;
import java.util.List;

/**
 * The application's one unchecked root exception: it carries the {@link ProblemType} it maps to
 * (slug, title, status) and what happened, so the single exception mapper needs no knowledge of
 * each feature. Integrations subclass it.
 */
public class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String slug;
    private final String title;
    private final int status;
    private final Duration retryAfter;
    private final transient List<Problem.InvalidParam> invalidParams;

    public GatewayException(ProblemType type, String detail) {
        this(type, detail, null, null);
    }

    public GatewayException(ProblemType type, String detail, Duration retryAfter, Throwable cause) {
        this(type, detail, retryAfter, List.of(), cause);
    }

    public GatewayException(ProblemType type, String detail, Duration retryAfter, List<Problem.InvalidParam> invalidParams,
            Throwable cause) {
        this(type.slug(), type.title(), type.status(), detail, retryAfter, invalidParams, cause);
    }

    private GatewayException(String slug, String title, int status, String detail, Duration retryAfter,
            List<Problem.InvalidParam> invalidParams, Throwable cause) {
        super(detail, cause);
        this.slug = slug;
        this.title = title;
        this.status = status;
        this.retryAfter = retryAfter;
        this.invalidParams = List.copyOf(invalidParams);
    }

    /** A JAX-RS status exception the gateway did not raise itself: {@code http-<status>}, its reason phrase as title. */
    public static GatewayException httpStatus(int status, String reason, String detail) {
        return new GatewayException("http-" + status, reason, status, detail, null, List.of(), null);
    }

    /**
     * The gateway's own refusal among {@code failure}'s causes, if there is one: a body limit or depth
     * guard hit while a parser was reading wraps it in the parser's exception, and the limit is the story.
     */
    public static java.util.Optional<GatewayException> among(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException gateway) {
                return java.util.Optional.of(gateway);
            }
        }
        return java.util.Optional.empty();
    }

    public static GatewayException badRequest(String field, String detail) {
        return new GatewayException(ProblemType.INVALID_REQUEST, detail, null,
                List.of(new Problem.InvalidParam(field, detail)), null);
    }

    public static GatewayException unauthorized(String detail) {
        return new GatewayException(ProblemType.UNAUTHORIZED, detail, null, null);
    }

    public static GatewayException forbidden(String detail) {
        return new GatewayException(ProblemType.FORBIDDEN, detail, null, null);
    }

    public static GatewayException payloadTooLarge(long limit) {
        return new GatewayException(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body exceeds the limit of " + limit + " bytes; send a smaller body.", null, null);
    }

    /** The gateway itself is at capacity (streams, threads): retry shortly, maybe on another node. */
    public static GatewayException overloaded(String detail) {
        return new GatewayException(ProblemType.OVERLOADED, detail, Duration.ofSeconds(1), null);
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
