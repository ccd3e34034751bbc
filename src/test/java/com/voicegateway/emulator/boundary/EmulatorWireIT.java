package com.voicegateway.emulator.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The emulator speaks Gemini's wire format: bodies, SSE framing, errors with Retry-After. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@RunAsClient
class EmulatorWireIT extends DeployedGateway {

    private static final String MODELS = "/gemini-emulator/v1beta/models/gemini-2.5-flash";

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void generateContentAnswersInGeminiFormat() {
        HttpResponse<String> response = post(":generateContent", "Hello " + GatewayHttp.nonce() + " [[emulator ttftMs=1 tokens=6 tokensPerSecond=1000]]");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = GatewayHttp.json(response.body());
        JsonObject candidate = body.getJsonArray("candidates").getJsonObject(0);
        assertEquals("model", candidate.getJsonObject("content").getString("role"));
        assertFalse(candidate.getJsonObject("content").getJsonArray("parts").getJsonObject(0).getString("text").isBlank());
        assertEquals("STOP", candidate.getString("finishReason"));
        assertEquals(6, body.getJsonObject("usageMetadata").getInt("candidatesTokenCount"));
        assertTrue(body.getJsonObject("usageMetadata").getInt("promptTokenCount") > 0);
        assertEquals("gemini-2.5-flash", body.getString("modelVersion"));
    }

    @Test
    void streamGenerateContentSendsDataEventsAndFinishesOnTheLastChunk() {
        HttpResponse<String> response = post(":streamGenerateContent?alt=sse", "Stream " + GatewayHttp.nonce() + " [[emulator ttftMs=1 tokens=4 tokensPerSecond=1000]]");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = List.of(response.body().split("\r\n\r\n"));
        assertEquals(4, events.size());
        assertTrue(events.stream().allMatch(e -> e.startsWith("data: {")));
        assertFalse(events.get(2).contains("finishReason"));
        assertTrue(events.get(3).contains("\"finishReason\":\"STOP\""));
    }

    @Test
    void countTokensCountsTheWords() {
        HttpResponse<String> response = post(":countTokens", "one two three four");
        assertEquals(200, response.statusCode());
        assertEquals(4, GatewayHttp.json(response.body()).getInt("totalTokens"));
    }

    @Test
    void injectedFailuresUseGoogleErrorsAndRetryAfterThenRecover() {
        String text = "Fail " + GatewayHttp.nonce() + " [[emulator fail=429 retryAfter=7 times=1 ttftMs=1 tokens=2]]";
        HttpResponse<String> refused = post(":generateContent", text);
        assertEquals(429, refused.statusCode());
        assertEquals("7", refused.headers().firstValue("Retry-After").orElse(""));
        JsonObject error = GatewayHttp.json(refused.body()).getJsonObject("error");
        assertEquals(429, error.getInt("code"));
        assertEquals("RESOURCE_EXHAUSTED", error.getString("status"));
        assertEquals(200, post(":generateContent", text).statusCode(), "times=1: the same request then succeeds");
    }

    @Test
    void unknownMethodsAndMissingKeysAreRefusedLikeGemini() {
        HttpResponse<String> unknown = gateway.send(gateway.request(MODELS + ":explode").header("x-goog-api-key", "k")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(404, unknown.statusCode());
        HttpResponse<String> keyless = gateway.send(gateway.request(MODELS + ":generateContent")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contents\":[]}")).build());
        assertEquals(403, keyless.statusCode());
        assertEquals("PERMISSION_DENIED", GatewayHttp.json(keyless.body()).getJsonObject("error").getString("status"));
    }

    private HttpResponse<String> post(String method, String text) {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":" + jakarta.json.Json.createValue(text) + "}]}]}";
        return gateway.send(gateway.request(MODELS + method)
                .header("x-goog-api-key", "test-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
