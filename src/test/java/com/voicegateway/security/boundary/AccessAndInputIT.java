package com.voicegateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** API keys and bad input: every refusal is a clear 4xx in application/problem+json, never a 500. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@RunAsClient
class AccessAndInputIT extends DeployedGateway {

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
    void aBodyNestedDeeperThanTheLimitIs400BeforeAnyParserSeesIt() {
        JsonObject deep = assertProblem(post("{\"input\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", "application/json"),
                400, "/problems/json-too-deep");
        assertTrue(deep.getString("detail").contains("64"), deep.toString());
        // brackets inside strings are text, not nesting
        HttpResponse<String> text = post("{\"input\": \"" + "[{".repeat(500) + "\"}", "application/json");
        assertEquals(200, text.statusCode(), text.body());
        // at the limit the body is read, and what is wrong is its shape
        JsonObject shallow = assertProblem(post("{\"input\": " + "[".repeat(63) + "]".repeat(63) + "}", "application/json"),
                400, "/problems/invalid-request");
        assertFalse(shallow.getString("detail").contains("levels"), shallow.toString());
    }

    @Test
    void anUnknownOrMistypedFieldIs400NamingIt() {
        for (String[] body : new String[][] {{"{\"Input\": \"hi\"}", "Input"}, {"{\"input\": \"hi\", \"stream\": true}", "stream"},
                {"{\"input\": 123}", "input"}, {"{\"input\": \"hi\", \"maxOutputTokens\": 1.5}", "maxOutputTokens"},
                {"{\"input\": \"hi\", \"variables\": {\"a\": 1}}", "variables.a"},
                {"{\"input\": \"a lone \\ud800 surrogate\"}", "input"}}) {
            JsonObject problem = assertProblem(post(body[0], "application/json"), 400, "/problems/invalid-request");
            assertEquals(body[1], problem.getJsonArray("invalidParams").getJsonObject(0).getString("name"), body[0]);
        }
        // a pair of surrogates is one character, and fine
        assertEquals(200, post("{\"input\": \"an emoji \\ud83d\\ude00\"}", "application/json").statusCode());
        HttpResponse<String> version = gateway.send(gateway.request("/api/v1/templates/it-" + GatewayHttp.nonce())
                .header("Authorization", "Bearer " + GatewayHttp.ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"text\": \"x\", \"version\": 99}")).build());
        assertEquals("version", assertProblem(version, 400, "/problems/invalid-request").getJsonArray("invalidParams")
                .getJsonObject(0).getString("name"));
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
    void aQueryParameterOfTheWrongTypeIs400NamingItNot404() {
        for (String path : List.of("/api/v1/sessions?limit=abc", "/api/v1/templates?limit=1.5")) {
            JsonObject problem = assertProblem(gateway.get(path, GatewayHttp.ADMIN_KEY), 400, "/problems/invalid-request");
            assertEquals("limit", problem.getJsonArray("invalidParams").getJsonObject(0).getString("name"), path);
        }
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
