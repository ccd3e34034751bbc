package com.voicegateway.redis.control;

import static com.voicegateway.GatewayHttp.USER_KEY;
import static com.voicegateway.GatewayHttp.eventually;
import static com.voicegateway.GatewayHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import com.voicegateway.ItServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Against the real IT server: its embedded redis-server is SIGKILLed mid-life. While Redis is
 * gone, requests that need it fail fast with 503 and Retry-After and readiness is DOWN; the
 * development Redis' supervisor logs the death and starts redis-server again on the same port
 * and append-only file (after {@code it.redis.restart-delay-ms}, so that the outage can be seen);
 * the gateway recovers by itself (no restart, no pool rebuild) and every write it acknowledged
 * before the crash is still there.
 *
 * <p>The build gives the IT server's redis-server a fixed port ({@code it.redis.port}), a
 * directory for its append-only file ({@code it.redis.dir}, the default {@code appendfsync
 * everysec}) and the restart delay; they reach this test as system properties, with the server's
 * log ({@code it.server.log}).
 */
@RunAsClient
class RedisOutageIT extends DeployedGateway {

    private static final String FAST_REPLY = "hi [[emulator ttftMs=1 tokens=3 tokensPerSecond=1000]]";
    /** About a second, as promised, plus room for a loaded build machine. */
    private static final long FAIL_FAST_MS = 1500;

    private final GatewayHttp gateway = new GatewayHttp();
    private final int port = Integer.getInteger("it.redis.port", 19379);
    private final long restartDelayMs = Long.getLong("it.redis.restart-delay-ms", 8000);
    private final Path serverLog = Path.of(System.getProperty("it.server.log",
            "target/liberty/wlp/usr/servers/voice-gateway-it/logs/messages.log"));

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

        String outage = "Redis at 127.0.0.1:" + port + " stopped answering";
        int outagesBefore = count(Files.readString(serverLog), outage);
        ProcessHandle redis = redisServerOnPort();
        assertEquals(ItServer.process().pid(), redis.parent().map(ProcessHandle::pid).orElse(-1L),
                "the redis-server on the IT port is not the IT server's own (one left behind by an earlier build?)");
        assertTrue(redis.destroyForcibly(), "SIGKILL should be delivered to redis-server pid " + redis.pid());
        redis.onExit().get(10, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();

        // Every kind of request that needs Redis fails fast with 503 and Retry-After: reads (retried briefly) and writes.
        assertFailsFast("GET session", () -> gateway.get("/api/v1/sessions/" + someSession, USER_KEY));
        assertFailsFast("GET messages", () -> gateway.get("/api/v1/sessions/" + someSession + "/messages", USER_KEY));
        assertFailsFast("POST session", () -> gateway.send(createRequest()));
        assertFailsFast("POST message", () -> sendMessage(someSession, FAST_REPLY));

        // readiness reads the last background PING (every second): DOWN by the next one
        assertTrue(eventually(Duration.ofSeconds(3), () -> gateway.get("/health/ready", null).statusCode() == 503), "readiness DOWN");
        HttpResponse<String> down = gateway.get("/health/ready", null);
        assertEquals(503, down.statusCode(), down.body());
        assertEquals("DOWN", redisCheck(down).getString("status"), down.body());

        // Nobody here restarts it: the development Redis' supervisor does, on the same port and append-only file.
        assertTrue(eventually(Duration.ofMillis(restartDelayMs + 15_000), () -> gateway.get("/health/ready", null).statusCode() == 200),
                "readiness should come back UP by itself once the supervisor has restarted redis-server");
        ProcessHandle restarted = redisServerOnPort();
        assertNotEquals(redis.pid(), restarted.pid(), "a new redis-server process");
        long restartedAt = System.nanoTime();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(restartedAt - killedAt) >= restartDelayMs - 500,
                "restarted after its delay of " + restartDelayMs + " ms, not before");
        String log = Files.readString(serverLog);
        assertTrue(log.contains("(pid " + redis.pid() + ") died; starting it again in " + restartDelayMs + " ms"),
                "the death is logged with the delay");
        assertTrue(log.contains("is running again (pid " + restarted.pid() + ", restart "), "the restart is logged");
        assertTrue(log.contains("Redis at 127.0.0.1:" + port + " stopped answering"), "the gateway logs the outage");
        System.out.printf("RedisOutageIT: redis-server restarted and readiness UP %d ms after the kill%n",
                TimeUnit.NANOSECONDS.toMillis(restartedAt - killedAt));

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
        assertTrue(restarted.isAlive());
        String after = Files.readString(serverLog);
        assertTrue(after.contains("Redis at 127.0.0.1:" + port + " answers again"), "the gateway logs the recovery");
        assertEquals(outagesBefore + 1, count(after, outage), "the outage is logged once, not per request");
    }

    @Test
    void readinessAnswersAtOnceWhileRedisIsStalled() throws Exception {
        assertTrue(eventually(Duration.ofSeconds(30), () -> gateway.get("/health/ready", null).statusCode() == 200),
                "the gateway should be ready before the test");
        ProcessHandle redis = redisServerOnPort();
        signal("STOP", redis);
        try {
            // a stalled Redis takes every command to its timeout (1 s); a probe must not wait for that
            long slowest = 0;
            boolean sawDown = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                HttpResponse<String> ready = gateway.get("/health/ready", null);
                slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                sawDown |= ready.statusCode() == 503;
                Thread.sleep(100);
            }
            System.out.printf("RedisOutageIT: slowest readiness answer while Redis stalled: %d ms%n", slowest);
            assertTrue(sawDown, "readiness goes DOWN while Redis does not answer");
            // the target is 100 ms; the bound leaves room for a loaded build machine, not for a PING's 1 s timeout
            assertTrue(slowest < 400, "readiness took " + slowest + " ms while Redis stalled");
        } finally {
            signal("CONT", redis);
        }
        assertTrue(eventually(Duration.ofSeconds(10), () -> gateway.get("/health/ready", null).statusCode() == 200),
                "readiness UP again once Redis answers");
    }

    private static void signal(String name, ProcessHandle process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + process.pid());
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
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
        assertFalse(response.body().contains(Integer.toString(port)) || response.body().contains("127.0.0.1")
                || response.body().contains("Exception"), what + ": no host, port or driver exception for the client: " + response.body());
    }

    /** The one redis-server process that listens on our port; other builds may run their own. */
    private ProcessHandle redisServerOnPort() {
        // redis-server rewrites its title to "<binary> 127.0.0.1:<port>"; embedded-redis starts it with "--port <port>"
        Pattern ourPort = Pattern.compile("(?:[:\\s]|--port\\s+)" + port + "(?:\\s|$)");
        List<ProcessHandle> matches = ProcessHandle.allProcesses()
                .filter(process -> {
                    String line = ItServer.commandLine(process);
                    return line.contains("redis-server") && ourPort.matcher(line).find();
                })
                .toList();
        assertEquals(1, matches.size(), () -> "expected exactly one redis-server on port " + port + ", found "
                + matches.stream().map(p -> p.pid() + " " + ItServer.commandLine(p)).toList());
        return matches.get(0);
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
