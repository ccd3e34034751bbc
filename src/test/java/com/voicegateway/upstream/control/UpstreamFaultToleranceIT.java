package com.voicegateway.upstream.control;

import static com.voicegateway.GatewayHttp.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upstream policies, against the emulator's fault injection. The integration-test server runs
 * with ttft-timeout 2 s, 2 retries, Retry-After capped at 3 s, a breaker over 20 calls at 80 %
 * failures with a 3 s delay, 4 concurrent streams, fallback model gemini-2.5-flash-lite (src/it/pom.xml).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunAsClient
class UpstreamFaultToleranceIT extends DeployedGateway {

    private static final String PRIMARY = "gemini-2.5-flash";
    private static final String FALLBACK = "gemini-2.5-flash-lite";

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void retriesHonourRetryAfterAndThenSucceed() {
        String nonce = GatewayHttp.nonce();
        long start = System.nanoTime();
        HttpResponse<String> response = gateway.complete(
                "Busy " + nonce + " [[emulator fail=429 retryAfter=1 times=2 ttftMs=10 tokens=3 tokensPerSecond=100]]", "application/json");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(PRIMARY, GatewayHttp.json(response.body()).getString("model"));
        assertEquals(3, gateway.emulatorRequests(nonce, PRIMARY)[0], "two refused attempts, one that succeeded");
        assertTrue(elapsedMs >= 2000, "waited the upstream's Retry-After twice, took " + elapsedMs + " ms");
        assertTrue(elapsedMs < 8000, "but not much longer: " + elapsedMs + " ms");
    }

    @Test
    void whenThePrimaryKeepsFailingTheFallbackModelAnswers() {
        String nonce = GatewayHttp.nonce();
        HttpResponse<String> response = gateway.complete(
                "Down " + nonce + " [[emulator fail=503 times=3 ttftMs=10 tokens=3 tokensPerSecond=100]]", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(FALLBACK, GatewayHttp.json(response.body()).getString("model"));
        assertEquals(3, gateway.emulatorRequests(nonce, PRIMARY)[0], "first attempt plus two retries on the primary");
        assertEquals(1, gateway.emulatorRequests(nonce, FALLBACK)[0]);
    }

    @Test
    void whenEverythingFailsTheClientGetsA503WithRetryAfter() {
        String nonce = GatewayHttp.nonce();
        HttpResponse<String> response = gateway.complete(
                "Gone " + nonce + " [[emulator fail=500 times=99]]", "text/event-stream");
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonObject problem = GatewayHttp.json(response.body());
        assertEquals(503, problem.getInt("status"));
        assertEquals("/problems/upstream-unavailable", problem.getString("type"));
        assertEquals(3, gateway.emulatorRequests(nonce, PRIMARY)[0]);
        assertEquals(1, gateway.emulatorRequests(nonce, FALLBACK)[0]);
    }

    @Test
    void aRejectedRequestIsNeitherRetriedNorSentToTheFallback() {
        String nonce = GatewayHttp.nonce();
        HttpResponse<String> response = gateway.complete("Bad " + nonce + " [[emulator fail=400]]", "application/json");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("/problems/upstream-rejected", GatewayHttp.json(response.body()).getString("type"));
        assertEquals(1, gateway.emulatorRequests(nonce, null)[0]);
    }

    @Test
    void aSilentUpstreamTimesOutAndTheClientGetsA503() {
        String nonce = GatewayHttp.nonce();
        long start = System.nanoTime();
        HttpResponse<String> response = gateway.complete("Silent " + nonce + " [[emulator hang hangMs=9000]]", "application/json");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        // 3 attempts on the primary and 1 on the fallback, each cut at the 2 s time-to-first-token limit
        assertEquals(3, gateway.emulatorRequests(nonce, PRIMARY)[0]);
        assertEquals(1, gateway.emulatorRequests(nonce, FALLBACK)[0]);
        assertTrue(elapsedMs >= 4 * 2000 - 200 && elapsedMs < 20_000, "timed out per attempt, took " + elapsedMs + " ms");
    }

    @Test
    void aReplyLongerThanTheTotalTimeoutEndsWithOneErrorEvent() {
        // 200 tokens at 20/s would take 10 s; the integration-test server allows 8 s per reply.
        String nonce = GatewayHttp.nonce();
        try (GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                "Long " + nonce + " [[emulator ttftMs=10 tokens=200 tokensPerSecond=20]]", "text/event-stream").build())) {
            List<GatewayHttp.Event> events = reply.restSse();
            GatewayHttp.Event last = events.get(events.size() - 1);
            assertEquals("error", last.name());
            assertEquals("/problems/upstream-stream-broken", last.data().getString("type"));
            assertEquals(1, events.stream().filter(e -> !e.name().equals("delta")).count(), "exactly one terminal event");
            // what the timeout did, not when: the reply streamed for a long time (about 160 deltas in 8 s; more than 50 even
            // on a loaded machine) and was cut before its natural end at 200, by the gateway, which cancelled the upstream call
            long deltas = events.stream().filter(e -> e.name().equals("delta")).count();
            assertTrue(deltas > 50 && deltas < 200, "cut mid-reply by the total timeout: " + deltas + " deltas of 200");
        }
        assertTrue(eventually(Duration.ofSeconds(10), () -> gateway.emulatorRequests(nonce, null)[1] == 1),
                "the gateway cancelled its upstream call: " + java.util.Arrays.toString(gateway.emulatorRequests(nonce, null)));
    }

    @Test
    void theBulkheadRefusesAtOnceWhenAllStreamsAreBusy() {
        List<GatewayHttp.Streamed> busy = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                        "Hold " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=200 tokensPerSecond=10]]", "text/event-stream").build());
                assertEquals("delta", reply.nextSse().name());
                busy.add(reply);
            }
            String extra = GatewayHttp.nonce();
            HttpResponse<String> refused = gateway.complete("One more " + extra, "text/event-stream");
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("/problems/overloaded", GatewayHttp.json(refused.body()).getString("type"));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            // "at once" as outcomes, not a duration: the refused request never waited for a permit (it never reached the
            // emulator, even later) and was answered while the four holders were still mid-reply (each lasts 20 s)
            for (GatewayHttp.Streamed holder : busy) {
                assertEquals("delta", holder.nextSse().name(), "a holder was still streaming when the fifth was refused");
            }
            assertArrayEquals(new long[] {0, 0}, gateway.emulatorRequests(extra, null), "the refused request was never sent upstream");
        } finally {
            busy.forEach(GatewayHttp.Streamed::close);
        }
        assertTrue(eventually(Duration.ofSeconds(10), () -> gateway.complete(
                "After " + GatewayHttp.nonce() + " [[emulator ttftMs=1 tokens=1]]", "application/json").statusCode() == 200),
                "capacity comes back once the streams are gone");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAgain() {
        String failing = GatewayHttp.nonce();
        // Each request makes 3 failed attempts on the primary: 7 requests fill the 20-call window.
        for (int i = 0; i < 8; i++) {
            gateway.complete("Storm " + failing + " [[emulator fail=503 times=999]]", "application/json");
        }
        String healthy = GatewayHttp.nonce();
        HttpResponse<String> whileOpen = gateway.complete("Fine " + healthy + " [[emulator ttftMs=1 tokens=2]]", "application/json");
        assertEquals(200, whileOpen.statusCode(), whileOpen.body());
        assertEquals(FALLBACK, GatewayHttp.json(whileOpen.body()).getString("model"), "the open circuit sent it to the fallback");
        assertEquals(0, gateway.emulatorRequests(healthy, PRIMARY)[0], "the primary was not called while open");
        HttpResponse<String> ready = gateway.get("/health/ready", null);
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"open\""), ready.body());

        assertTrue(eventually(Duration.ofSeconds(20), () -> PRIMARY.equals(GatewayHttp.json(gateway.complete(
                "Recover " + GatewayHttp.nonce() + " [[emulator ttftMs=1 tokens=1]]", "application/json").body()).getString("model"))),
                "after the breaker's delay the primary serves again");
        // a second success closes the half-open breaker, so no other test starts against it
        assertEquals(200, gateway.complete("Closed " + GatewayHttp.nonce() + " [[emulator ttftMs=1 tokens=1]]", "application/json").statusCode());
        assertTrue(eventually(Duration.ofSeconds(10), () -> gateway.get("/health/ready", null).statusCode() == 200));
        String log = serverLog();
        assertTrue(log.contains("The primary upstream model failed repeatedly and its circuit is open"), "the outage is logged");
        assertTrue(log.contains("The primary upstream model answers again"), "and the recovery");
    }

    private static String serverLog() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("it.server.log",
                    "target/liberty/wlp/usr/servers/voice-gateway-it/logs/messages.log")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
