package com.voicegateway.responses.boundary;

import static com.voicegateway.GatewayHttp.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp.Event;
import com.voicegateway.GatewayHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The response cache and request coalescing, counted where it matters: at the emulator, which
 * tallies the upstream calls that reached it (the IT server keeps replies for
 * GATEWAY_RESPONSES_CACHE_TTL_SECONDS, 6 s).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunAsClient
class ResponseCacheIT extends DeployedGateway {

    private final GatewayHttp gateway = new GatewayHttp();

    /** A streamed reply, read to its end. */
    private record Reply(List<String> deltas, Event end) {
        String text() {
            return String.join("", deltas);
        }
    }

    private Reply sse(HttpRequest request) {
        try (GatewayHttp.Streamed reply = gateway.stream(request)) {
            assertEquals(200, reply.status());
            List<String> deltas = new ArrayList<>();
            for (Event event = reply.nextSse(); event != null; event = reply.nextSse()) {
                if (event.name().equals("delta")) {
                    deltas.add(event.data().getString("text"));
                } else {
                    return new Reply(deltas, event);
                }
            }
            throw new AssertionError("the stream ended without done or error");
        }
    }

    private Reply sse(String input) {
        return sse(gateway.completion(input, "text/event-stream").build());
    }

    private long upstreamCalls(String nonce) {
        return gateway.emulatorRequests(nonce, null)[0];
    }

    private JsonObject responsesCache() {
        HttpResponse<String> response = gateway.get("/api/v1/admin/caches", GatewayHttp.ADMIN_KEY);
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray().stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("responses")).findFirst().orElseThrow();
    }

    @Test
    void aRepeatedCompletionIsReplayedFromTheCacheInTheSameShape() {
        String nonce = GatewayHttp.nonce();
        String input = "Cache me " + nonce + " [[emulator ttftMs=30 tokens=6 tokensPerSecond=200]]";
        JsonObject before = responsesCache();
        Reply first = sse(input);
        assertEquals("done", first.end().name());
        assertFalse(first.end().data().getBoolean("cached"));
        Reply second = sse(input);
        assertEquals("done", second.end().name());
        assertTrue(second.end().data().getBoolean("cached"), second.end().toString());
        assertEquals(first.deltas(), second.deltas(), "the hit is replayed chunk by chunk");
        assertEquals(first.end().data().getString("finishReason"), second.end().data().getString("finishReason"));
        assertEquals(first.end().data().getJsonObject("usage"), second.end().data().getJsonObject("usage"));
        assertNotEquals(first.end().data().getString("messageId"), second.end().data().getString("messageId"));
        assertEquals(1, upstreamCalls(nonce), "the second reply cost no upstream call");

        // the JSON format is served from the same entry
        HttpResponse<String> json = gateway.complete(input, "application/json");
        assertEquals(200, json.statusCode(), json.body());
        assertEquals(first.text(), GatewayHttp.json(json.body()).getString("text"));
        assertEquals(1, upstreamCalls(nonce));

        JsonObject after = responsesCache();
        assertTrue(after.getJsonNumber("hits").longValue() >= before.getJsonNumber("hits").longValue() + 2, before + " -> " + after);
        assertTrue(after.getJsonNumber("misses").longValue() >= before.getJsonNumber("misses").longValue() + 1, before + " -> " + after);
        assertTrue(after.getJsonNumber("size").longValue() >= 1, after.toString());
        String metrics = gateway.get("/metrics", null).body();
        for (String name : new String[] {"gateway_cache_hits", "gateway_cache_misses", "gateway_cache_hit_ratio",
            "gateway_cache_coalesced", "gateway_cache_evictions"}) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith(name) && line.contains("cache=\"responses\"")), name + " in /metrics");
        }
    }

    @Test
    void differentSettingsAreDifferentEntries() {
        String nonce = GatewayHttp.nonce();
        String input = "Settings " + nonce + " [[emulator ttftMs=10 tokens=3 tokensPerSecond=500]]";
        for (String temperature : new String[] {"0.1", "0.9"}) {
            HttpResponse<String> reply = gateway.send(gateway.request("/api/v1/completions")
                    .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"" + input + "\", \"temperature\": " + temperature + "}"))
                    .build());
            assertEquals(200, reply.statusCode(), reply.body());
        }
        assertEquals(2, upstreamCalls(nonce));
    }

    @Test
    void identicalRequestsInFlightTogetherCostOneUpstreamCall() throws Exception {
        String nonce = GatewayHttp.nonce();
        // about 1.6 s in flight: every request below arrives while the first is still running
        String input = "Coalesce " + nonce + " [[emulator ttftMs=600 tokens=10 tokensPerSecond=10]]";
        long coalescedBefore = responsesCache().getJsonNumber("coalesced").longValue();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> sse(input), pool));
            }
            List<Reply> got = new ArrayList<>();
            for (CompletableFuture<Reply> reply : replies) {
                got.add(reply.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, upstreamCalls(nonce), "one upstream call for " + clients + " identical requests");
            String text = got.get(0).text();
            assertFalse(text.isEmpty());
            for (Reply reply : got) {
                assertEquals("done", reply.end().name(), reply.end().toString());
                assertEquals(text, reply.text(), "every client gets the full stream");
                assertEquals(10, reply.deltas().size());
                assertEquals(10, reply.end().data().getJsonObject("usage").getInt("outputTokens"));
            }
            assertEquals(clients, got.stream().map(r -> r.end().data().getString("messageId")).collect(Collectors.toSet()).size());
            assertTrue(responsesCache().getJsonNumber("coalesced").longValue() >= coalescedBefore + clients - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noStoreNeitherReadsNorWritesTheCacheAndNoCacheRefreshesIt() {
        String nonce = GatewayHttp.nonce();
        String input = "Private " + nonce + " [[emulator ttftMs=10 tokens=3 tokensPerSecond=500]]";
        for (int i = 0; i < 2; i++) {
            Reply reply = sse(gateway.completion(input, "text/event-stream").header("Cache-Control", "no-store").build());
            assertFalse(reply.end().data().getBoolean("cached"));
        }
        assertEquals(2, upstreamCalls(nonce), "no-store: every request goes upstream");
        assertFalse(sse(input).end().data().getBoolean("cached"), "no-store replies were not stored");
        assertEquals(3, upstreamCalls(nonce));
        assertTrue(sse(input).end().data().getBoolean("cached"));
        assertEquals(3, upstreamCalls(nonce));

        Reply fresh = sse(gateway.completion(input, "text/event-stream").header("Cache-Control", "no-cache").build());
        assertFalse(fresh.end().data().getBoolean("cached"), "no-cache: a fresh reply");
        assertEquals(4, upstreamCalls(nonce));
    }

    @Test
    void anIncompleteReplyIsNeverStored() {
        String nonce = GatewayHttp.nonce();
        // the emulator cuts the stream after 3 of 8 chunks
        String input = "Cut " + nonce + " [[emulator ttftMs=10 tokens=8 tokensPerSecond=200 cutAfterTokens=3]]";
        Reply broken = sse(input);
        assertEquals("error", broken.end().name(), broken.end().toString());
        Reply again = sse(input);
        assertEquals("error", again.end().name(), "a cut reply was not stored, so the repeat went upstream too");
        assertEquals(2, upstreamCalls(nonce));
    }

    @Test
    void aStoredReplyExpiresAfterItsTtl() {
        String nonce = GatewayHttp.nonce();
        String input = "Expire " + nonce + " [[emulator ttftMs=10 tokens=2 tokensPerSecond=500]]";
        sse(input);
        assertTrue(sse(input).end().data().getBoolean("cached"));
        assertEquals(1, upstreamCalls(nonce));
        // TTL 6 s on the IT server
        assertTrue(eventually(Duration.ofSeconds(20), () -> !sse(input).end().data().getBoolean("cached")),
                "the entry should expire");
        assertTrue(upstreamCalls(nonce) >= 2);
    }

    @Test
    void clearingTheCacheSendsTheNextRequestUpstream() {
        String nonce = GatewayHttp.nonce();
        String input = "Clear " + nonce + " [[emulator ttftMs=10 tokens=2 tokensPerSecond=500]]";
        sse(input);
        assertTrue(sse(input).end().data().getBoolean("cached"));
        HttpResponse<String> cleared = gateway.send(gateway.request("/api/v1/admin/caches/responses")
                .header("Authorization", "Bearer " + GatewayHttp.ADMIN_KEY).DELETE().build());
        assertEquals(204, cleared.statusCode(), cleared.body());
        assertFalse(sse(input).end().data().getBoolean("cached"));
        assertEquals(2, upstreamCalls(nonce));
    }

    @Test
    void aLeaderWhoseClientLeavesStillServesItsFollowersAndAloneItIsCancelled() throws Exception {
        String nonce = GatewayHttp.nonce();
        String input = "Leave " + nonce + " [[emulator ttftMs=100 tokens=12 tokensPerSecond=10]]";
        long coalescedBefore = responsesCache().getJsonNumber("coalesced").longValue();
        GatewayHttp.Streamed first = gateway.stream(gateway.completion(input, "text/event-stream").build());
        try (GatewayHttp.Streamed follower = gateway.stream(gateway.completion(input, "text/event-stream").build())) {
            assertEquals("delta", first.nextSse().name());
            // the follower is attached to the leader's reply once it has a delta of it: then the leader leaves
            assertEquals("delta", follower.nextSse().name());
            assertTrue(responsesCache().getJsonNumber("coalesced").longValue() > coalescedBefore, "the second request was coalesced");
            first.close();
            List<Event> rest = follower.restSse();
            assertEquals("done", rest.get(rest.size() - 1).name(), "the follower got the whole reply although the leader left");
            assertEquals(11, rest.stream().filter(event -> event.name().equals("delta")).count(), "and all 12 deltas");
        } finally {
            first.close();
        }
        assertArrayEquals(new long[] {1, 0}, gateway.emulatorRequests(nonce, null), "one call, not cancelled");

        String lonely = GatewayHttp.nonce();
        String alone = "Alone " + lonely + " [[emulator ttftMs=100 tokens=20 tokensPerSecond=10]]";
        try (GatewayHttp.Streamed leader = gateway.stream(gateway.completion(alone, "text/event-stream").build())) {
            assertEquals("delta", leader.nextSse().name());
        }
        assertTrue(eventually(Duration.ofSeconds(10), () -> gateway.emulatorRequests(lonely, null)[1] == 1),
                "with nobody left to read it, the upstream call is cancelled");
        assertFalse(sse(alone).end().data().getBoolean("cached"), "the abandoned reply was not stored");
    }

    @Test
    void theGeminiSurfaceSharesTheCache() {
        String nonce = GatewayHttp.nonce();
        String body = Json.createObjectBuilder().add("contents", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("role", "user").add("parts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("text", "Gemini cache " + nonce + " [[emulator ttftMs=10 tokens=4 tokensPerSecond=500]]")))))
                .build().toString();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> reply = gateway.send(gateway.request("/gemini/v1beta/models/gemini-2.5-flash:generateContent")
                    .header("x-goog-api-key", GatewayHttp.USER_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(200, reply.statusCode(), reply.body());
            texts.add(GatewayHttp.json(reply.body()).getJsonArray("candidates").getJsonObject(0).getJsonObject("content")
                    .getJsonArray("parts").getJsonObject(0).getString("text"));
        }
        assertEquals(texts.get(0), texts.get(1));
        assertEquals(1, upstreamCalls(nonce));
    }
}
