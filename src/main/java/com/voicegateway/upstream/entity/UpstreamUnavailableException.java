package com.voicegateway.upstream.entity;

import com.voicegateway.problems.entity.ProblemType;

import java.time.Duration;

/**
 * A failure another attempt may cure: 408, 429, 5xx, an I/O error, a stream that closed before its
 * first chunk. Reaches the client as 503 with Retry-After (the upstream's own, when it sent one).
 */
public class UpstreamUnavailableException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    private final int upstreamStatus;
    private final Duration upstreamRetryAfter;

    public UpstreamUnavailableException(int upstreamStatus, String detail, Duration upstreamRetryAfter, Throwable cause) {
        super(upstreamStatus == 429 ? ProblemType.UPSTREAM_RATE_LIMITED : ProblemType.UPSTREAM_UNAVAILABLE, detail, upstreamRetryAfter == null || upstreamRetryAfter.isZero() ? Duration.ofSeconds(2) : upstreamRetryAfter,
                cause);
        this.upstreamStatus = upstreamStatus;
        this.upstreamRetryAfter = upstreamRetryAfter;
    }

    /** The upstream's HTTP status, or 0 for an I/O failure. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** What the upstream asked us to wait, or null when it did not say. */
    public Duration upstreamRetryAfter() {
        return upstreamRetryAfter;
    }
}
