package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttemptsTest {

    private final Attempts attempts = new Attempts(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(3000));

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
        attempts.beforeAttempt();
        for (int retry = 1; retry <= 6; retry++) {
            long ceiling = Math.min(1000, 100L << (retry - 1));
            for (int sample = 0; sample < 200; sample++) {
                long pause = attempts.pauseMillis();
                assertTrue(pause >= ceiling / 2 && pause <= ceiling, "retry " + retry + ": " + pause + " ms outside [" + ceiling / 2 + ", " + ceiling + "]");
            }
            bump();
        }
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
    void theFirstAttemptDoesNotWait() {
        long start = System.nanoTime();
        attempts.beforeAttempt();
        assertTrue(System.nanoTime() - start < 50_000_000L);
        assertEquals(1, attempts.made());
    }

    /** Counts an attempt without sleeping, to look at later pauses. */
    private void bump() {
        try {
            java.lang.reflect.Field made = Attempts.class.getDeclaredField("made");
            made.setAccessible(true);
            made.setInt(attempts, made.getInt(attempts) + 1);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
