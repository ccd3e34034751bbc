package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry state of one upstream call. MP Fault Tolerance's {@code @Retry} knows only fixed delays,
 * so the policy itself runs with no delay and each attempt first waits here: exponential backoff
 * with jitter, or the upstream's Retry-After when that is longer, capped.
 */
public final class Attempts {

    /** How a pause is taken: {@code Thread::sleep} in production, a recorder in tests. */
    @FunctionalInterface
    interface Pause {
        void take(long millis) throws InterruptedException;
    }

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration retryAfterCap;
    private final Pause pause;
    private int made;
    private Duration upstreamAsked;

    public Attempts(Duration baseDelay, Duration maxDelay, Duration retryAfterCap) {
        this(baseDelay, maxDelay, retryAfterCap, Thread::sleep);
    }

    Attempts(Duration baseDelay, Duration maxDelay, Duration retryAfterCap, Pause pause) {
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.retryAfterCap = retryAfterCap;
        this.pause = pause;
    }

    /** Waits as long as the previous failure asks, then counts one more attempt. */
    void beforeAttempt() {
        // A @Timeout that fired on the previous attempt interrupted this thread; the pause must still happen.
        Thread.interrupted();
        if (made > 0) {
            long millis = pauseMillis();
            if (millis > 0) {
                try {
                    pause.take(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UpstreamUnavailableException(0, "Interrupted while backing off", null, e);
                }
            }
        }
        made++;
    }

    void failed(RuntimeException failure) {
        upstreamAsked = failure instanceof UpstreamUnavailableException unavailable ? unavailable.upstreamRetryAfter() : null;
    }

    long pauseMillis() {
        long exponential = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, Math.max(0, made - 1)));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long asked = upstreamAsked == null ? 0 : Math.min(retryAfterCap.toMillis(), upstreamAsked.toMillis());
        return Math.max(jittered, asked);
    }

    public int made() {
        return made;
    }
}
