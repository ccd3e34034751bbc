package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request id and the JSON access log, on the IT server: the client's X-Request-Id comes back,
 * is in the problem body and in the request's access-log line, with the route's template, the
 * caller and the time the whole (streamed) reply took.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class AccessLogIT extends DeployedGateway {

    private final GatewayHttp gateway = new GatewayHttp();
    private final Path accessLog = Path.of(System.getProperty("it.server.log",
            "target/liberty/wlp/usr/servers/voice-gateway-it/logs/messages.log")).resolveSibling("access.jsonl");

    @Test
    void theClientsRequestIdComesBackAndIsInTheProblemAndTheAccessLog() {
        String id = "it-" + GatewayHttp.nonce();
        HttpResponse<String> missing = gateway.send(gateway.request("/api/v1/sessions/s_nope").header("X-Request-Id", id)
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).GET().build());
        assertEquals(404, missing.statusCode());
        assertEquals(id, missing.headers().firstValue("X-Request-Id").orElse(""));
        assertEquals(id, GatewayHttp.json(missing.body()).getString("requestId"), missing.body());

        JsonObject line = line(id);
        assertEquals("GET", line.getString("method"));
        assertEquals("/api/v1/sessions/{id}", line.getString("path"), "the route's template, not the id");
        assertEquals(404, line.getInt("status"));
        assertEquals("dev-user", line.getString("principal"));
        assertTrue(line.getJsonNumber("durationMs").doubleValue() >= 0);
    }

    @Test
    void anIdThatIsNoSaneTokenIsReplacedAndEveryRequestGetsOne() {
        // (the gateway's own paths: /health and /metrics are Liberty's applications, outside this one)
        HttpResponse<String> odd = gateway.send(gateway.request("/api/v1/templates/assistant").header("X-Request-Id", "has spaces and \"quotes\"")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).GET().build());
        String given = odd.headers().firstValue("X-Request-Id").orElse("");
        assertTrue(given.matches("[0-9a-f]{32}"), given);
        String fresh = gateway.get("/api/v1/templates/assistant", GatewayHttp.USER_KEY).headers().firstValue("X-Request-Id").orElse("");
        assertTrue(fresh.matches("[0-9a-f]{32}") && !fresh.equals(given), fresh);
        assertEquals(200, line(given).getInt("status"));
    }

    @Test
    void aStreamedReplyIsLoggedWhenItEndsWithItsWholeDuration() {
        String id = "it-" + GatewayHttp.nonce();
        // 10 tokens at 20/s: the stream lasts about half a second after its headers
        HttpResponse<String> stream = gateway.send(gateway.completion("Log me " + id + " [[emulator ttftMs=50 tokens=10 tokensPerSecond=20]]",
                "text/event-stream").header("X-Request-Id", id).build());
        assertEquals(200, stream.statusCode());
        JsonObject line = line(id);
        assertEquals("POST", line.getString("method"));
        assertEquals("/api/v1/completions", line.getString("path"));
        assertEquals(200, line.getInt("status"));
        assertTrue(line.getJsonNumber("durationMs").doubleValue() >= 400, "logged at the end of the stream: " + line);
    }

    @Test
    void whatTheContainerAnswersItselfCarriesTheIdToo() {
        String id = "it-" + GatewayHttp.nonce();
        HttpResponse<String> odd = gateway.send(gateway.request("/api/v1/templates/a%2fb").header("X-Request-Id", id)
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).GET().build());
        assertNotEquals(200, odd.statusCode());
        assertEquals(id, GatewayHttp.json(odd.body()).getString("requestId"), odd.body());
        assertEquals(odd.statusCode(), line(id).getInt("status"));
    }

    /** The access-log line of this request: written by a background thread, so it may take a moment. */
    private JsonObject line(String requestId) {
        JsonObject[] found = new JsonObject[1];
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(10), () -> {
            found[0] = find(requestId).orElse(null);
            return found[0] != null;
        }), "no access-log line for " + requestId + " in " + accessLog);
        return found[0];
    }

    private Optional<JsonObject> find(String requestId) {
        if (!Files.exists(accessLog)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(accessLog).stream().filter(l -> l.contains("\"requestId\":\"" + requestId + "\""))
                    .map(GatewayHttp::json).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
