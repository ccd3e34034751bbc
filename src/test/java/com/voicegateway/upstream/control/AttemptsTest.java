package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptsTest {

    /** The pauses the attempts took, recorded instead of slept: no test here depends on the wall clock. */
    private final List<Long> pauses = new ArrayList<>();
    private final Attempts attempts = new Attempts(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(3000), pauses::add);

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
        attempts.beforeAttempt();
        for (int retry = 1; retry <= 6; retry++) {
            long ceiling = Math.min(1000, 100L << (retry - 1));
            for (int sample = 0; sample < 200; sample++) {
                long pause = attempts.pauseMillis();
                assertTrue(pause >= ceiling / 2 && pause <= ceiling, "retry " + retry + ": " + pause + " ms outside [" + ceiling / 2 + ", " + ceiling + "]");
            }
            attempts.beforeAttempt();
        }
        assertEquals(6, pauses.size(), "one pause before each retry");
    }

    @Test
    void theUpstreamsRetryAfterWinsWhenLongerButIsCapped() {
        attempts.beforeAttempt();
        attempts.failed(new UpstreamUnavailableException(429, "slow down", Duration.ofSeconds(2), null));
        assertEquals(2000, attempts.pauseMillis());
        attempts.failed(new UpstreamUnavailableException(429, "slow down a lot", Duration.ofSeconds(60), null));
        assertEquals(3000, attempts.pauseMillis(), "capped");
        attempts.failed(new UpstreamUnavailableException(503, "no advice", null, null));
        assertTrue(attempts.pauseMillis() <= 100);
    }

    @Test
    void theFirstAttemptDoesNotWaitAndTheSecondWaitsItsBackoff() {
        attempts.beforeAttempt();
        assertEquals(List.of(), pauses, "no pause before the first attempt");
        assertEquals(1, attempts.made());
        attempts.failed(new UpstreamUnavailableException(503, "no advice", null, null));
        attempts.beforeAttempt();
        assertEquals(1, pauses.size());
        assertTrue(pauses.get(0) >= 50 && pauses.get(0) <= 100, "the first retry waits 50-100 ms: " + pauses);
        assertEquals(2, attempts.made());
    }

    @Test
    void anInterruptedPauseEndsTheCallAsUnavailable() {
        Attempts interrupted = new Attempts(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(3000), millis -> {
            throw new InterruptedException();
        });
        interrupted.beforeAttempt();
        interrupted.failed(new UpstreamUnavailableException(503, "no advice", null, null));
        assertThrows(UpstreamUnavailableException.class, interrupted::beforeAttempt);
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }
}
