package com.voicegateway.chat.boundary;

import static com.voicegateway.GatewayHttp.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp.Event;
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

/** Streamed completions through the real SDK against the emulator, over real HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class CompletionsStreamingIT extends DeployedGateway {

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void firstDeltaArrivesWhileTheEmulatorIsStillGenerating() {
        String nonce = GatewayHttp.nonce();
        // 12 tokens at 5/s: the reply takes about 2.4 s after its first token.
        try (GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                "Tell me " + nonce + " [[emulator ttftMs=200 tokens=12 tokensPerSecond=5]]", "text/event-stream").build())) {
            assertEquals(200, reply.status());
            assertTrue(reply.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Event first = reply.nextSse();
            assertNotNull(first);
            assertEquals("delta", first.name());
            List<Event> rest = reply.restSse();
            Event done = rest.get(rest.size() - 1);
            assertEquals("done", done.name());
            long deltas = 1 + rest.stream().filter(e -> e.name().equals("delta")).count();
            assertEquals(12, deltas, "one delta per upstream chunk");
            // streamed, not buffered: the first delta came while the emulator was still producing the rest (12 tokens at 5/s
            // take 2.2 s after the first); a relation between two arrivals, which load delays alike
            assertTrue(done.millisAfterSend() - first.millisAfterSend() >= 1800,
                    "the first delta came " + (done.millisAfterSend() - first.millisAfterSend()) + " ms before the end: not buffered");
            JsonObject data = done.data();
            assertEquals("STOP", data.getString("finishReason"));
            assertEquals(12, data.getJsonObject("usage").getInt("outputTokens"));
            assertTrue(data.getJsonObject("usage").getInt("promptTokens") > 0);
            assertTrue(data.getJsonNumber("ttftMs").longValue() >= 200, "ttftMs includes the upstream's 200 ms");
            assertFalse(data.getBoolean("cached"));
            assertEquals("gemini-2.5-flash", data.getString("model"));
            assertTrue(data.getString("messageId").startsWith("msg_"));
        }
    }

    @Test
    void ndjsonCarriesTheSameEventsAsLines() {
        String nonce = GatewayHttp.nonce();
        try (GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                "Lines " + nonce + " [[emulator ttftMs=50 tokens=5 tokensPerSecond=100]]", "application/x-ndjson").build())) {
            assertEquals(200, reply.status());
            assertTrue(reply.response().headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
            List<Event> events = new ArrayList<>();
            for (Event event = reply.nextNdjson(); event != null; event = reply.nextNdjson()) {
                events.add(event);
            }
            assertEquals(6, events.size());
            assertTrue(events.subList(0, 5).stream().allMatch(e -> e.name().equals("delta") && !e.data().getString("text").isEmpty()));
            assertEquals("done", events.get(5).name());
            assertEquals(5, events.get(5).data().getJsonObject("usage").getInt("outputTokens"));
        }
    }

    @Test
    void jsonReturnsTheWholeReplyInOneBodyAndRepliesAreDeterministic() {
        String input = "Same question " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=8 tokensPerSecond=500]]";
        HttpResponse<String> first = gateway.complete(input, "application/json");
        HttpResponse<String> second = gateway.complete(input, "application/json");
        assertEquals(200, first.statusCode(), first.body());
        JsonObject body = GatewayHttp.json(first.body());
        assertEquals(8, body.getString("text").split(" ").length);
        assertEquals("STOP", body.getString("finishReason"));
        assertEquals(8, body.getJsonObject("usage").getInt("outputTokens"));
        assertTrue(body.containsKey("ttftMs"));
        assertEquals(body.getString("text"), GatewayHttp.json(second.body()).getString("text"));
    }

    @Test
    void aStreamCutMidwayEndsWithExactlyOneErrorAndIsNotRetried() {
        String nonce = GatewayHttp.nonce();
        try (GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                "Cut " + nonce + " [[emulator ttftMs=20 tokens=10 tokensPerSecond=100 cutAfterTokens=3]]", "text/event-stream").build())) {
            List<Event> events = reply.restSse();
            assertEquals(List.of("delta", "delta", "delta", "error"), events.stream().map(Event::name).toList());
            JsonObject problem = events.get(3).data();
            assertEquals(502, problem.getInt("status"));
            assertEquals("/problems/upstream-stream-cut", problem.getString("type"));
            assertFalse(problem.getString("detail").isBlank());
        }
        assertEquals(1, gateway.emulatorRequests(nonce, null)[0], "no retry once a chunk reached the client");
    }

    @Test
    void anErrorInsideTheUpstreamStreamBecomesOneErrorEvent() {
        String nonce = GatewayHttp.nonce();
        try (GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                "Err " + nonce + " [[emulator ttftMs=20 tokens=10 tokensPerSecond=100 errorAfterTokens=2]]", "application/x-ndjson").build())) {
            List<String> types = new ArrayList<>();
            Event last = null;
            for (Event event = reply.nextNdjson(); event != null; event = reply.nextNdjson()) {
                types.add(event.name());
                last = event;
            }
            assertEquals(List.of("delta", "delta", "error"), types);
            assertEquals("/problems/upstream-stream-broken", last.data().getString("problemType"));
            assertEquals(502, last.data().getInt("status"));
        }
        assertEquals(1, gateway.emulatorRequests(nonce, null)[0]);
    }

    @Test
    void aCutReplyAskedForAsJsonIsAnErrorStatusNotAPartialBody() {
        HttpResponse<String> response = gateway.complete(
                "Cut json " + GatewayHttp.nonce() + " [[emulator ttftMs=20 tokens=10 tokensPerSecond=200 cutAfterTokens=4]]", "application/json");
        assertEquals(502, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("/problems/upstream-stream-cut", GatewayHttp.json(response.body()).getString("type"));
    }

    @Test
    void aClientThatDisconnectsCancelsTheUpstreamCall() {
        String nonce = GatewayHttp.nonce();
        GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                "Leave " + nonce + " [[emulator ttftMs=20 tokens=100 tokensPerSecond=10]]", "text/event-stream").build());
        assertEquals("delta", reply.nextSse().name());
        reply.close();
        assertTrue(eventually(Duration.ofSeconds(10), () -> gateway.emulatorRequests(nonce, null)[1] == 1),
                "the emulator saw its stream cancelled");
    }
}
