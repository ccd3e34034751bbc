package com.voicegateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** API keys and bad input: every refusal is a clear 4xx in application/problem+json, never a 500. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessAndInputIT {

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void noKeyIs401WithAChallenge() {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\"}")).build());
        assertProblem(response, 401, "/problems/unauthorized");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void aWrongKeyIs401() {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/completions")
                .header("Authorization", "Bearer not-a-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\"}")).build());
        assertProblem(response, 401, "/problems/unauthorized");
    }

    @Test
    void everyDevelopmentKeyIsAccepted() {
        for (String key : new String[] {"dev-user-key", "dev-user2-key", "dev-admin-key"}) {
            HttpResponse<String> response = gateway.send(gateway.request("/api/v1/completions")
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi [[emulator ttftMs=1 tokens=1]]\"}")).build());
            assertEquals(200, response.statusCode(), key + ": " + response.body());
        }
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(post("{\"input\": ", "application/json"), 400, "/problems/malformed-json");
    }

    @Test
    void aMissingFieldIs400NamingIt() {
        HttpResponse<String> response = post("{\"model\": \"gemini-2.5-flash\"}", "application/json");
        JsonObject problem = assertProblem(response, 400, "/problems/invalid-request");
        assertEquals("input", problem.getJsonArray("invalidParams").getJsonObject(0).getString("name"));
        assertTrue(problem.getString("detail").contains("input"));
    }

    @Test
    void anInvalidFieldIs400NamingIt() {
        JsonObject problem = assertProblem(post("{\"input\": \"hi\", \"temperature\": 7}", "application/json"), 400, "/problems/invalid-request");
        assertEquals("temperature", problem.getJsonArray("invalidParams").getJsonObject(0).getString("name"));
    }

    @Test
    void anUnknownTemplateIs400NamingIt() {
        JsonObject problem = assertProblem(post("{\"input\": \"hi\", \"templateId\": \"nope\"}", "application/json"), 400, "/problems/unknown-template");
        assertEquals("templateId", problem.getJsonArray("invalidParams").getJsonObject(0).getString("name"));
    }

    @Test
    void theWrongContentTypeIs415() {
        assertProblem(post("input=hi", "application/x-www-form-urlencoded"), 415, "/problems/unsupported-media-type");
    }

    @Test
    void anUnacceptableFormatIs406() {
        HttpResponse<String> response = gateway.send(gateway.completion("hi", "image/png").build());
        assertProblem(response, 406, "/problems/not-acceptable");
    }

    @Test
    void aBodyOverTheLimitIs413ByContentLength() {
        // the integration-test server limits JSON bodies to 64 KiB
        String big = "{\"input\": \"" + "a".repeat(70_000) + "\"}";
        assertProblem(post(big, "application/json"), 413, "/problems/payload-too-large");
    }

    @Test
    void aCallerWithoutAKeyHears401EvenWithAnOversizedBody() {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"" + "c".repeat(70_000) + "\"}")).build());
        assertProblem(response, 401, "/problems/unauthorized");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileReading() {
        byte[] big = ("{\"input\": \"" + "b".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/completions")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertProblem(response, 413, "/problems/payload-too-large");
    }

    @Test
    void anUnknownPathIs404AsAProblem() {
        assertProblem(gateway.get("/api/v1/nothing-here", GatewayHttp.USER_KEY), 404, "/problems/not-found");
    }

    private HttpResponse<String> post(String body, String contentType) {
        return gateway.send(gateway.request("/api/v1/completions")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "problem+json, got " + response.headers().firstValue("Content-Type"));
        JsonObject problem = GatewayHttp.json(response.body());
        assertEquals(status, problem.getInt("status"));
        assertEquals(type, problem.getString("type"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertFalse(response.body().contains("Exception"), "no stack trace or exception names leak: " + response.body());
        return problem;
    }
}
