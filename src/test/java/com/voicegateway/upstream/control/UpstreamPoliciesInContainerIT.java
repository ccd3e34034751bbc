package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.upstream.entity.UpstreamRejectedException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The upstream caller's fault-tolerance policies (MP Fault Tolerance's retry and fallback around {@link UpstreamCaller},
 * with the IT server's settings: 2 retries, Retry-After capped at 3 s, fallback model gemini-2.5-flash-lite), run inside
 * the deployed gateway against the emulator's injected faults, over the real SDK and sockets. In here the test holds
 * the call's {@link Attempts}, with a pause that records what each retry was told to wait instead of waiting it: so it
 * sees the number of attempts and the backoff the policy chose, which the black-box UpstreamFaultToleranceIT can only
 * infer from the emulator's request count and the wall clock.
 */
class UpstreamPoliciesInContainerIT extends DeployedGateway {

    private static final String PRIMARY = "gemini-2.5-flash";
    private static final String FALLBACK = "gemini-2.5-flash-lite";

    @Inject
    UpstreamCaller caller;

    private final List<Long> pauses = new CopyOnWriteArrayList<>();
    /** a backoff of 2 ms (jittered to 1-2 ms), so that any longer pause is the upstream's Retry-After */
    private final Attempts attempts = new Attempts(Duration.ofMillis(2), Duration.ofMillis(2), Duration.ofSeconds(3), pauses::add);

    private static ModelCall call(String directives) {
        return new ModelCall(PRIMARY, null, List.of(Turn.user("In-container " + UUID.randomUUID() + " " + directives)), null, null);
    }

    @Test
    void eachRetryWaitsTheRetryAfterOfTheRefusalBeforeIt() {
        OpenedStream opened = caller.open(call("[[emulator fail=429 retryAfter=2 times=2 ttftMs=10 tokens=3 tokensPerSecond=100]]"),
                attempts);
        try {
            assertEquals(PRIMARY, opened.model(), "the primary answered once the refusals were over");
            assertNotNull(opened.first(), "the first chunk is in hand when the call returns");
            assertEquals(3, attempts.made(), "two refused attempts, then one that succeeded");
            assertEquals(List.of(2000L, 2000L), pauses, "each retry waited the Retry-After (2 s) of the refusal before it");
        } finally {
            opened.stream().close();
        }
    }

    @Test
    void whenThePrimaryKeepsFailingTheFallbackModelOpensTheReply() {
        OpenedStream opened = caller.open(call("[[emulator fail=503 times=3 ttftMs=10 tokens=3 tokensPerSecond=100]]"), attempts);
        try {
            assertEquals(FALLBACK, opened.model());
            assertEquals(3, attempts.made(), "the first attempt and two retries on the primary, then the fallback");
            assertEquals(2, pauses.size(), "a backoff before each retry: " + pauses);
            assertTrue(pauses.stream().allMatch(millis -> millis >= 1 && millis <= 2), "our backoff, no Retry-After: " + pauses);
        } finally {
            opened.stream().close();
        }
    }

    @Test
    void aRejectedCallIsNeitherRetriedNorSentToTheFallback() {
        assertThrows(UpstreamRejectedException.class, () -> caller.open(call("[[emulator fail=400]]"), attempts));
        assertEquals(1, attempts.made());
        assertEquals(List.of(), pauses);
    }
}
