package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Health, Prometheus metrics and the OpenAPI document, without credentials. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ObservabilityIT {

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
    void metricsExposeTimeToFirstTokenPercentilesTokensAndFaultTolerance() {
        assertEquals(200, gateway.complete("Measure " + GatewayHttp.nonce() + " [[emulator ttftMs=5 tokens=4]]", "text/event-stream").statusCode());
        HttpResponse<String> metrics = gateway.get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertTrue(text.contains("gateway_ttft_seconds{") && text.contains("quantile=\"0.99\""), "TTFT quantiles");
        assertTrue(text.contains("gateway_ttft_seconds_bucket{"), "TTFT histogram buckets");
        assertTrue(text.contains("gateway_request_duration_seconds{"), "request latency");
        assertTrue(text.contains("gateway_upstream_duration_seconds"), "upstream latency");
        assertTrue(text.contains("gateway_tokens_output_total{"), "tokens out");
        assertTrue(text.contains("gateway_tokens_input_total{"), "tokens in");
        assertTrue(text.contains("gateway_streams_active"), "active streams");
        assertTrue(text.contains("ft_invocations_total{"), "MP Fault Tolerance's own counts");
    }

    @Test
    void theOpenApiDocumentDescribesCompletions() {
        HttpResponse<String> openapi = gateway.get("/openapi", null);
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/completions"), openapi.body());
    }
}
