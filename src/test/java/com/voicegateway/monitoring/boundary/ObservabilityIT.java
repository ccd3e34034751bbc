package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Health, Prometheus metrics and the OpenAPI document, without credentials. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@RunAsClient
class ObservabilityIT extends DeployedGateway {

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void readinessReportsRedisAndTheUpstream() {
        HttpResponse<String> ready = gateway.get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject health = GatewayHttp.json(ready.body());
        assertEquals("UP", health.getString("status"));
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonValue check : health.getJsonArray("checks")) {
            names.add(check.asJsonObject().getString("name"));
            assertEquals("UP", check.asJsonObject().getString("status"));
        }
        assertTrue(names.containsAll(java.util.Set.of("redis", "upstream")), names.toString());
    }

    @Test
    void livenessAndStartupAnswer() {
        assertEquals(200, gateway.get("/health/live", null).statusCode());
        assertEquals(200, gateway.get("/health/started", null).statusCode());
    }

    @Test
    void metricsExposeTimeToFirstTokenBucketsTokensAndFaultTolerance() {
        assertEquals(200, gateway.complete("Measure " + GatewayHttp.nonce() + " [[emulator ttftMs=5 tokens=4]]", "text/event-stream").statusCode());
        HttpResponse<String> metrics = gateway.get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertTrue(text.contains("gateway_ttft_seconds_bucket{"), "TTFT histogram buckets");
        assertTrue(text.contains("gateway_request_duration_seconds_bucket{"), "request latency");
        assertTrue(text.contains("gateway_upstream_duration_seconds"), "upstream latency");
        assertTrue(text.contains("gateway_tokens_output_total{"), "tokens out");
        assertTrue(text.contains("gateway_tokens_input_total{"), "tokens in");
        assertTrue(text.contains("gateway_streams_active"), "active streams");
        assertTrue(text.contains("ft_invocations_total{"), "MP Fault Tolerance's own counts");
    }

    @Test
    void metricsExposeRedisLatencyPoolAndSessions() {
        java.net.http.HttpResponse<String> created = gateway.send(gateway.request("/api/v1/sessions")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"templateId\":\"assistant\"}")).build());
        assertEquals(201, created.statusCode(), created.body());
        String text = gateway.get("/metrics", null).body();
        assertTrue(text.contains("gateway_redis_duration_seconds_bucket{") && text.contains("operation=\"session-create\""), "Redis latency by operation");
        assertTrue(text.contains("gateway_redis_pool_active"), "pool in use");
        assertTrue(text.contains("gateway_redis_pool_idle"), "pool idle");
        assertTrue(text.contains("gateway_sessions_created_total"), "sessions created");
        java.util.regex.Matcher active = java.util.regex.Pattern.compile("gateway_sessions_active\\{[^}]*} ([0-9.]+)").matcher(text);
        assertTrue(active.find(), "active sessions gauge");
        assertTrue(Double.parseDouble(active.group(1)) >= 1, "at least the session just created: " + active.group(1));
    }

    @Test
    void theOpenApiDocumentDescribesCompletions() {
        HttpResponse<String> openapi = gateway.get("/openapi", null);
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/completions"), openapi.body());
        assertTrue(openapi.body().contains("/api/v1/sessions/{id}/messages"), "sessions are documented too");
    }
}
