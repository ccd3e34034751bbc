package com.voicegateway.redis.control;

import static com.voicegateway.GatewayHttp.USER_KEY;
import static com.voicegateway.GatewayHttp.eventually;
import static com.voicegateway.GatewayHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.GatewayHttp;
import com.voicegateway.devredis.EmbeddedRedis;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Item 6 of "Conversation sessions in Redis", against the real IT server: its embedded
 * redis-server is SIGKILLed mid-life and started again on the same port and append-only file.
 * While Redis is gone, requests that need it fail fast with 503 and Retry-After and readiness is
 * DOWN; when it is back the gateway recovers by itself (no restart, no pool rebuild) and every
 * write it acknowledged before the crash is still there.
 *
 * <p>The build gives the IT server's redis-server a fixed port ({@code it.redis.port}) and a
 * directory with an fsync-always append-only file ({@code it.redis.dir}); both reach this test as
 * system properties.
 *
 * <p>The restarted redis-server is deliberately never stopped by this class: it belongs to the
 * gateway, which keeps using it for every integration test that runs after this one. Stopping it
 * in an {@code @AfterAll} would leave the server without Redis for the rest of the run. It is
 * stopped instead by embedded-redis's shutdown hook when this test JVM exits, just before the
 * build stops the server.
 */
class RedisOutageIT {

    private static final String FAST_REPLY = "hi [[emulator ttftMs=1 tokens=3 tokensPerSecond=1000]]";
    /** About a second, as promised, plus room for a loaded build machine. */
    private static final long FAIL_FAST_MS = 1500;

    private final GatewayHttp gateway = new GatewayHttp();
    private final int port = Integer.getInteger("it.redis.port", 19379);
    private final Path dir = Path.of(System.getProperty("it.redis.dir", "target/it-redis"));

    @Test
    void acknowledgedWritesSurviveARedisCrashAndTheGatewayRecoversByItself() throws Exception {
        assertTrue(eventually(Duration.ofSeconds(30), () -> gateway.get("/health/ready", null).statusCode() == 200),
                "the gateway should be ready before the test");
        String target = redisCheck(gateway.get("/health/ready", null)).getJsonObject("data").getString("target");
        assertEquals("127.0.0.1:" + port, target, "the IT server should use the embedded redis-server on it.redis.port");

        // Acknowledged writes: sessions answered 201, exchanges answered 200 with a message id.
        Map<String, List<String>> acknowledged = new LinkedHashMap<>();
        for (int s = 0; s < 4; s++) {
            String id = createSession();
            List<String> texts = new ArrayList<>();
            for (int m = 0; m < 2; m++) {
                String text = FAST_REPLY + " " + GatewayHttp.nonce();
                HttpResponse<String> reply = sendMessage(id, text);
                assertEquals(200, reply.statusCode(), reply.body());
                assertFalse(json(reply.body()).getString("messageId").isBlank());
                texts.add(text);
            }
            acknowledged.put(id, texts);
        }
        String someSession = acknowledged.keySet().iterator().next();

        ProcessHandle redis = redisServerOnPort();
        assertTrue(redis.destroyForcibly(), "SIGKILL should be delivered to redis-server pid " + redis.pid());
        redis.onExit().get(10, TimeUnit.SECONDS);

        // Every kind of request that needs Redis fails fast with 503 and Retry-After: reads (retried briefly) and writes.
        assertFailsFast("GET session", () -> gateway.get("/api/v1/sessions/" + someSession, USER_KEY));
        assertFailsFast("GET messages", () -> gateway.get("/api/v1/sessions/" + someSession + "/messages", USER_KEY));
        assertFailsFast("POST session", () -> gateway.send(createRequest()));
        assertFailsFast("POST message", () -> sendMessage(someSession, FAST_REPLY));

        HttpResponse<String> down = gateway.get("/health/ready", null);
        assertEquals(503, down.statusCode(), down.body());
        assertEquals("DOWN", redisCheck(down).getString("status"), down.body());

        // Restarted from this test, on the same port and directory: it reloads the append-only file.
        RedisServer restarted = EmbeddedRedis.server(port, dir).build();
        restarted.start();
        long restartedAt = System.nanoTime();

        assertTrue(eventually(Duration.ofSeconds(15), () -> gateway.get("/health/ready", null).statusCode() == 200),
                "readiness should come back UP by itself once Redis is back");
        long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
        System.out.printf("RedisOutageIT: readiness UP %d ms after redis-server restarted%n", recoveredMs);

        for (Map.Entry<String, List<String>> session : acknowledged.entrySet()) {
            HttpResponse<String> found = gateway.get("/api/v1/sessions/" + session.getKey(), USER_KEY);
            assertEquals(200, found.statusCode(), "acknowledged session " + session.getKey() + " lost: " + found.body());
            HttpResponse<String> history = gateway.get("/api/v1/sessions/" + session.getKey() + "/messages?limit=200", USER_KEY);
            assertEquals(200, history.statusCode(), history.body());
            List<String> userTexts = new ArrayList<>();
            int replies = 0;
            for (JsonValue item : json(history.body()).getJsonArray("items")) {
                JsonObject message = item.asJsonObject();
                if ("user".equals(message.getString("role"))) {
                    userTexts.add(message.getString("text"));
                } else {
                    replies++;
                    assertTrue(message.getBoolean("complete"), history.body());
                }
            }
            assertEquals(session.getValue(), userTexts, "every acknowledged message, in order, exactly once");
            assertEquals(session.getValue().size(), replies, "every acknowledged reply, exactly once");
        }

        // New work goes through, writes included, on the pool the gateway had all along.
        HttpResponse<String> again = sendMessage(someSession, FAST_REPLY);
        assertEquals(200, again.statusCode(), again.body());
        String fresh = createSession();
        HttpResponse<String> reply = sendMessage(fresh, FAST_REPLY);
        assertEquals(200, reply.statusCode(), reply.body());
        HttpResponse<String> history = gateway.get("/api/v1/sessions/" + fresh + "/messages", USER_KEY);
        assertEquals(200, history.statusCode(), history.body());
        assertEquals(2, json(history.body()).getJsonArray("items").size(), history.body());
        assertTrue(restarted.isActive());
    }

    private void assertFailsFast(String what, Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        HttpResponse<String> response = request.get();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("RedisOutageIT: %s with Redis down: %d in %d ms%n", what, response.statusCode(), tookMs);
        assertEquals(503, response.statusCode(), what + ": " + response.body());
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        assertTrue(retryAfter.isPresent(), what + " should say when to retry");
        assertTrue(Integer.parseInt(retryAfter.get()) >= 1, retryAfter.get());
        assertTrue(tookMs <= FAIL_FAST_MS, what + " took " + tookMs + " ms; a Redis outage must fail within ~1 s");
    }

    /** The one redis-server process that listens on our port; other builds may run their own. */
    private ProcessHandle redisServerOnPort() {
        // redis-server rewrites its title to "<binary> 127.0.0.1:<port>"; embedded-redis starts it with "--port <port>"
        Pattern ourPort = Pattern.compile("(?:[:\\s]|--port\\s+)" + port + "(?:\\s|$)");
        List<ProcessHandle> matches = ProcessHandle.allProcesses()
                .filter(process -> {
                    String line = commandLine(process);
                    return line.contains("redis-server") && ourPort.matcher(line).find();
                })
                .toList();
        assertEquals(1, matches.size(), () -> "expected exactly one redis-server on port " + port + ", found "
                + matches.stream().map(p -> p.pid() + " " + commandLine(p)).toList());
        return matches.get(0);
    }

    /**
     * The process's command line as the kernel shows it. redis-server overwrites its argv with one
     * space-separated title, which ProcessHandle.Info parses into the binary alone (the port is
     * lost), so on Linux /proc/<pid>/cmdline is read as it is.
     */
    private static String commandLine(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return process.info().commandLine().orElse("");
        }
    }

    private String createSession() {
        HttpResponse<String> created = gateway.send(createRequest());
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body()).getString("id");
    }

    private HttpRequest createRequest() {
        return gateway.request("/api/v1/sessions")
                .header("Authorization", "Bearer " + USER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("templateId", "assistant").build().toString()))
                .build();
    }

    private HttpResponse<String> sendMessage(String sessionId, String text) {
        return gateway.send(gateway.request("/api/v1/sessions/" + sessionId + "/messages")
                .header("Authorization", "Bearer " + USER_KEY)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("text", text).build().toString()))
                .build());
    }

    private static JsonObject redisCheck(HttpResponse<String> health) {
        return json(health.body()).getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(check -> "redis".equals(check.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no redis check in " + health.body()));
    }
}
