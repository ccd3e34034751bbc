package com.voicegateway.sessions.boundary;

import static com.voicegateway.GatewayHttp.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions in a real Redis, through the REST surface. The integration-test server caps histories
 * at 6 messages (src/it/pom.xml).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunAsClient
class SessionsIT extends DeployedGateway {

    private static final String FAST = " [[emulator ttftMs=5 tokens=4 tokensPerSecond=1000]]";

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void aSessionIsCreatedReadAndDeleted() {
        HttpResponse<String> created = create(GatewayHttp.USER_KEY, "{\"templateId\":\"assistant\",\"language\":\"en-US\",\"variables\":{\"name\":\"Ada\"}}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject session = GatewayHttp.json(created.body());
        String id = session.getString("id");
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/v1/sessions/" + id));
        assertEquals("assistant", session.getString("templateId"));
        assertEquals("gemini-2.5-flash", session.getString("model"));
        assertEquals(0, session.getInt("messageCount"));
        assertEquals("Ada", session.getJsonObject("variables").getString("name"));
        Instant createdAt = Instant.parse(session.getString("createdAt"));
        Instant expiresAt = Instant.parse(session.getString("expiresAt"));
        assertEquals(Duration.ofMinutes(30), Duration.between(createdAt, expiresAt), "default idle TTL");

        HttpResponse<String> read = gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY);
        assertEquals(200, read.statusCode());
        assertEquals(id, GatewayHttp.json(read.body()).getString("id"));

        assertEquals(204, delete(id, GatewayHttp.USER_KEY).statusCode());
        assertEquals(404, gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY).statusCode());
        assertEquals(404, delete(id, GatewayHttp.USER_KEY).statusCode());
    }

    @Test
    void requestsWithoutABodyIgnoreAStrayContentType() {
        // some HTTP clients (JMeter among them) send a form Content-Type on every request, bodiless or not
        String id = newSession(GatewayHttp.USER_KEY);
        HttpResponse<String> read = gateway.send(gateway.request("/api/v1/sessions/" + id).GET()
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/x-www-form-urlencoded").build());
        assertEquals(200, read.statusCode(), read.body());
        HttpResponse<String> history = gateway.send(gateway.request("/api/v1/sessions/" + id + "/messages").GET()
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "text/plain").build());
        assertEquals(200, history.statusCode(), history.body());
        HttpResponse<String> deleted = gateway.send(gateway.request("/api/v1/sessions/" + id).DELETE()
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/x-www-form-urlencoded").build());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(404, gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY).statusCode(), "it is gone");
    }

    @Test
    void aMultiTurnConversationSendsItsHistoryUpstreamAndRecordsEachExchange() {
        String id = newSession(GatewayHttp.USER_KEY);
        String first = GatewayHttp.nonce();
        HttpResponse<String> reply = say(id, "My name is " + first + FAST, "application/json");
        assertEquals(200, reply.statusCode(), reply.body());
        JsonObject done = GatewayHttp.json(reply.body());
        assertEquals("2", done.getString("messageId"), "the reply is the session's second message");

        try (GatewayHttp.Streamed second = gateway.stream(message(id, "What is my name?" + FAST, "text/event-stream"))) {
            List<GatewayHttp.Event> events = second.restSse();
            GatewayHttp.Event last = events.get(events.size() - 1);
            assertEquals("done", last.name());
            assertEquals("4", last.data().getString("messageId"));
        }
        assertEquals(2, gateway.emulatorRequests(first, null)[0], "the second request carried the first turn as context");

        JsonArray items = messages(id, GatewayHttp.USER_KEY, "").getJsonArray("items");
        assertEquals(4, items.size());
        assertEquals(List.of(1L, 2L, 3L, 4L), items.stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList());
        assertEquals(List.of("user", "model", "user", "model"), items.stream().map(v -> v.asJsonObject().getString("role")).toList());
        assertTrue(items.getJsonObject(0).getString("text").contains(first));
        assertEquals(done.getString("text"), items.getJsonObject(1).getString("text"), "the complete reply is stored");
        assertTrue(items.getJsonObject(1).isNull("audio"));
        assertTrue(items.getJsonObject(1).getBoolean("complete"));
        assertEquals(4, GatewayHttp.json(gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY).body()).getInt("messageCount"));
    }

    @Test
    void aReplyCutMidwayIsStoredMarkedIncompleteAndNotSentAsContext() {
        String id = newSession(GatewayHttp.USER_KEY);
        try (GatewayHttp.Streamed cut = gateway.stream(message(id, "Cut me [[emulator ttftMs=5 tokens=10 tokensPerSecond=200 cutAfterTokens=2]]", "text/event-stream"))) {
            List<GatewayHttp.Event> events = cut.restSse();
            assertEquals("error", events.get(events.size() - 1).name());
        }
        JsonArray items = messages(id, GatewayHttp.USER_KEY, "").getJsonArray("items");
        assertEquals(2, items.size());
        JsonObject partial = items.getJsonObject(1);
        assertFalse(partial.getBoolean("complete"), "never stored as complete");
        assertEquals(2, partial.getString("text").split(" ").length, "what the client saw before the cut");

        String marker = GatewayHttp.nonce();
        assertEquals(200, say(id, "Again " + marker + FAST, "application/json").statusCode());
        String partialText = java.net.URLEncoder.encode(partial.getString("text"), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, GatewayHttp.json(gateway.get("/gemini-emulator/requests?contains=" + partialText, null).body())
                .getJsonNumber("count").longValue(), "the partial reply never went upstream as context");
        assertEquals(4, messages(id, GatewayHttp.USER_KEY, "").getJsonArray("items").size(), "the next exchange was recorded");
    }

    @Test
    void aSecondMessageWhileTheFirstIsAnsweredGets409AndHistoryNeverInterleaves() {
        String id = newSession(GatewayHttp.USER_KEY);
        try (GatewayHttp.Streamed slow = gateway.stream(message(id, "Slow [[emulator ttftMs=5 tokens=15 tokensPerSecond=10]]", "text/event-stream"))) {
            assertEquals("delta", slow.nextSse().name(), "the first reply is under way and holds the turn");
            HttpResponse<String> busy = say(id, "Meanwhile" + FAST, "application/json");
            assertEquals(409, busy.statusCode(), busy.body());
            assertEquals("/problems/session-busy", GatewayHttp.json(busy.body()).getString("type"));
            List<GatewayHttp.Event> rest = slow.restSse();
            assertEquals("done", rest.get(rest.size() - 1).name(), "the first reply completes regardless");
        }
        JsonArray items = messages(id, GatewayHttp.USER_KEY, "").getJsonArray("items");
        assertEquals(2, items.size(), "only the first exchange: " + items);
        assertTrue(items.getJsonObject(0).getString("text").startsWith("Slow"));
        assertEquals(200, say(id, "After" + FAST, "application/json").statusCode(), "the turn is free again");
    }

    @Test
    void theNextMessageSentTheMomentARepliesEndsIsNeverRefusedAsBusy() {
        String id = newSession(GatewayHttp.USER_KEY);
        for (int i = 0; i < 5; i++) {
            try (GatewayHttp.Streamed reply = gateway.stream(message(id, "Quick " + i + FAST, "text/event-stream"))) {
                List<GatewayHttp.Event> events = reply.restSse();
                assertEquals("done", events.get(events.size() - 1).name(), "turn " + i + ": " + events);
            }
        }
    }

    @Test
    void anotherPrincipalGetsThe404OfAMissingSessionEverywhere() {
        String id = newSession(GatewayHttp.USER_KEY);
        String missing = "s_0000000000000000000000";
        for (String target : new String[] {id, missing}) {
            assertProblem(gateway.get("/api/v1/sessions/" + target, "dev-user2-key"), 404, "/problems/session-not-found");
            assertProblem(gateway.get("/api/v1/sessions/" + target + "/messages", "dev-user2-key"), 404, "/problems/session-not-found");
            assertProblem(delete(target, "dev-user2-key"), 404, "/problems/session-not-found");
            assertProblem(gateway.send(gateway.request("/api/v1/sessions/" + target + "/messages")
                    .header("Authorization", "Bearer dev-user2-key").header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}")).build()), 404, "/problems/session-not-found");
        }
        assertEquals(200, gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY).statusCode(), "the owner still has it");
        assertFalse(listAll("dev-user2-key").contains(id), "nor does it appear in the other principal's list");
    }

    @Test
    void sessionsArePagedByLastActivityWithACursor() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(newSession("dev-user2-key"));
        }
        // touching the oldest makes it the most recently active
        assertEquals(200, gateway.get("/api/v1/sessions/" + mine.get(0), "dev-user2-key").statusCode());
        List<String> listed = listAll("dev-user2-key");
        assertTrue(listed.containsAll(mine), listed.toString());
        assertEquals(new HashSet<>(listed).size(), listed.size(), "no session listed twice across pages");
        assertEquals(mine.get(0), listed.get(0), "most recently used first");
        assertTrue(listed.indexOf(mine.get(4)) < listed.indexOf(mine.get(3)), "newer before older");
        for (String id : mine) {
            delete(id, "dev-user2-key");
        }
    }

    @Test
    void messagesArePagedOldestFirstAndTheHistoryIsCapped() {
        String id = newSession(GatewayHttp.USER_KEY);
        for (int i = 1; i <= 4; i++) {
            assertEquals(200, say(id, "Turn " + i + FAST, "application/json").statusCode());
        }
        JsonObject firstPage = messages(id, GatewayHttp.USER_KEY, "&limit=4");
        JsonArray page1 = firstPage.getJsonArray("items");
        assertEquals(4, page1.size());
        assertEquals(3, page1.getJsonObject(0).getJsonNumber("id").longValue(), "the cap of 6 dropped the oldest exchange");
        assertTrue(page1.getJsonObject(0).getString("text").startsWith("Turn 2"));
        JsonObject secondPage = messages(id, GatewayHttp.USER_KEY, "&limit=4&cursor=" + firstPage.getString("nextCursor"));
        JsonArray page2 = secondPage.getJsonArray("items");
        assertEquals(List.of(7L, 8L), page2.stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList());
        assertTrue(secondPage.isNull("nextCursor"));
        assertEquals(6, GatewayHttp.json(gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY).body()).getInt("messageCount"));
    }

    @Test
    void theIdleTtlSlidesOnUseAndThenTheWholeSessionExpires() {
        String id = GatewayHttp.json(create(GatewayHttp.USER_KEY, "{\"templateId\":\"assistant\",\"ttlSeconds\":3}").body()).getString("id");
        assertEquals(200, say(id, "Remember" + FAST, "application/json").statusCode());
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            // each use within the 3 s TTL keeps it alive past its original expiry
            letTimePass(Duration.ofMillis(1500));
            assertEquals(200, gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY).statusCode(), "alive after use " + i);
        }
        assertTrue((System.nanoTime() - start) / 1_000_000 > 4000, "outlived its first TTL only by sliding");
        // left alone (a GET would slide it again): after its TTL the session and its history are gone
        letTimePass(Duration.ofMillis(3600));
        assertProblem(gateway.get("/api/v1/sessions/" + id, GatewayHttp.USER_KEY), 404, "/problems/session-not-found");
        assertProblem(gateway.get("/api/v1/sessions/" + id + "/messages", GatewayHttp.USER_KEY), 404, "/problems/session-not-found");
    }

    @Test
    void badSessionInputIsA400NamingTheField() {
        JsonObject noTemplate = assertProblem(create(GatewayHttp.USER_KEY, "{\"model\":\"gemini-2.5-flash\"}"), 400, "/problems/invalid-request");
        assertEquals("templateId", noTemplate.getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        JsonObject badLimit = assertProblem(gateway.get("/api/v1/sessions?limit=0", GatewayHttp.USER_KEY), 400, "/problems/invalid-request");
        assertEquals("limit", badLimit.getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        JsonObject badCursor = assertProblem(gateway.get("/api/v1/sessions?cursor=bm90LWEtY3Vyc29y", GatewayHttp.USER_KEY), 400, "/problems/invalid-request");
        assertEquals("cursor", badCursor.getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        String id = newSession(GatewayHttp.USER_KEY);
        JsonObject noText = assertProblem(gateway.send(gateway.request("/api/v1/sessions/" + id + "/messages")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 400, "/problems/invalid-request");
        assertEquals("text", noText.getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        assertProblem(create(GatewayHttp.USER_KEY, "{\"templateId\":\"assistant\",\"ttlSeconds\":0}"), 400, "/problems/invalid-request");
    }

    /** Elapsed time is the behaviour under test here (an idle TTL), not a stand-in for waiting on an event. */
    private static void letTimePass(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> create(String key, String body) {
        return gateway.send(gateway.request("/api/v1/sessions")
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String newSession(String key) {
        HttpResponse<String> created = create(key, "{\"templateId\":\"assistant\"}");
        assertEquals(201, created.statusCode(), created.body());
        return GatewayHttp.json(created.body()).getString("id");
    }

    private HttpResponse<String> delete(String id, String key) {
        return gateway.send(gateway.request("/api/v1/sessions/" + id).header("Authorization", "Bearer " + key).DELETE().build());
    }

    private HttpRequest message(String id, String text, String accept) {
        return gateway.request("/api/v1/sessions/" + id + "/messages")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("text", text).build().toString())).build();
    }

    private HttpResponse<String> say(String id, String text, String accept) {
        return gateway.send(message(id, text, accept));
    }

    private JsonObject messages(String id, String key, String query) {
        HttpResponse<String> response = gateway.get("/api/v1/sessions/" + id + "/messages?" + query, key);
        assertEquals(200, response.statusCode(), response.body());
        return GatewayHttp.json(response.body());
    }

    private List<String> listAll(String key) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        Set<String> cursors = new HashSet<>();
        do {
            HttpResponse<String> page = gateway.get("/api/v1/sessions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertEquals(200, page.statusCode(), page.body());
            JsonObject body = GatewayHttp.json(page.body());
            body.getJsonArray("items").forEach(v -> ids.add(v.asJsonObject().getString("id")));
            cursor = body.isNull("nextCursor") ? null : body.getString("nextCursor");
            assertTrue(cursor == null || cursors.add(cursor), "cursors advance");
        } while (cursor != null);
        return ids;
    }

    private static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonObject problem = GatewayHttp.json(response.body());
        assertEquals(type, problem.getString("type"));
        return problem;
    }
}
