package com.voicegateway.geminiapi.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Gemini-compatible surface with the real Google GenAI Java SDK as the client, pointed at
 * {@code <gateway>/gemini} and changed in nothing else. What the gateway answers is compared with
 * what the same SDK gets from the emulator directly (the emulator is deterministic). Plain HTTP
 * checks the wire details (error bodies, Retry-After, the JSON-array stream).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunAsClient
class GeminiSurfaceIT extends DeployedGateway {

    private static final String MODEL = "gemini-2.5-flash";
    private static final String BASE = System.getProperty("gateway.url", "http://localhost:19080");

    private final GatewayHttp gateway = new GatewayHttp();
    private final Client viaGateway = client(BASE + "/gemini", GatewayHttp.USER_KEY);
    private final Client direct = client(BASE + "/gemini-emulator", "any-key");

    private static Client client(String baseUrl, String key) {
        return Client.builder()
                .apiKey(key)
                .vertexAI(false)
                .httpOptions(HttpOptions.builder()
                        .baseUrl(baseUrl)
                        .apiVersion("v1beta")
                        .timeout(30_000)
                        .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build())
                        .build())
                .build();
    }

    @AfterEach
    void close() {
        viaGateway.close();
        direct.close();
    }

    @Test
    void generateContentAnswersWhatTheUpstreamAnswers() {
        String text = "Hello " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=6 tokensPerSecond=200]]";
        GenerateContentConfig config = GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText("Answer briefly.")))
                .build();

        GenerateContentResponse reply = viaGateway.models.generateContent(MODEL, text, config);
        GenerateContentResponse expected = direct.models.generateContent(MODEL, text, config);

        assertFalse(reply.text().isBlank());
        assertEquals(expected.text(), reply.text());
        assertEquals("STOP", reply.finishReason().toString());
        assertEquals(MODEL, reply.modelVersion().orElseThrow());
        assertEquals(expected.usageMetadata().orElseThrow().promptTokenCount(), reply.usageMetadata().orElseThrow().promptTokenCount());
        assertEquals(6, reply.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow());
        assertEquals(reply.usageMetadata().get().promptTokenCount().orElseThrow() + 6,
                reply.usageMetadata().get().totalTokenCount().orElseThrow());
    }

    @Test
    void theSystemInstructionAndGenerationSettingsReachTheUpstream() {
        String nonce = GatewayHttp.nonce();
        String stop = "stop" + nonce;
        GenerateContentConfig config = GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText("Instruction " + nonce)))
                .temperature(0.37f)
                .topK(17f)
                .maxOutputTokens(3)
                .stopSequences(List.of(stop))
                .build();

        GenerateContentResponse reply = viaGateway.models.generateContent(MODEL,
                "Settings " + nonce + " [[emulator ttftMs=10 tokens=20 tokensPerSecond=200]]", config);

        assertEquals(3, reply.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow(),
                "the emulator stopped at maxOutputTokens, so the setting arrived");
        assertEquals(1, emulatorRequests("Instruction " + nonce, "\"temperature\":0.37", "\"topK\":17",
                "\"maxOutputTokens\":3", "\"stopSequences\":[\"" + stop + "\"]"), "one upstream request carried all of them");
    }

    @Test
    void streamGenerateContentStreamsChunksAndEndsWithTheFinishReason() {
        String text = "Stream " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=6 tokensPerSecond=100]]";
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = viaGateway.models.generateContentStream(MODEL, text, null)) {
            for (GenerateContentResponse chunk : stream) {
                chunks.add(chunk);
            }
        }
        StringBuilder streamed = new StringBuilder();
        long withText = 0;
        for (GenerateContentResponse chunk : chunks) {
            String part = chunk.text();
            if (part != null && !part.isEmpty()) {
                withText++;
                streamed.append(part);
            }
        }
        assertTrue(withText >= 3, "several chunks with text, one per upstream chunk: " + withText);
        GenerateContentResponse last = chunks.get(chunks.size() - 1);
        assertEquals("STOP", last.finishReason().toString());
        assertEquals(6, last.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow());
        assertEquals(direct.models.generateContent(MODEL, text, null).text(), streamed.toString());
    }

    @Test
    void countTokensCountsUpstream() {
        String text = "Count these five words " + GatewayHttp.nonce();
        int counted = viaGateway.models.countTokens(MODEL, text, null).totalTokens().orElseThrow();
        assertEquals(direct.models.countTokens(MODEL, text, null).totalTokens().orElseThrow(), counted);
        assertEquals(5, counted);
    }

    @Test
    void anUnknownKeyIsRefusedAsUnauthenticated() {
        try (Client stranger = client(BASE + "/gemini", "not-a-gateway-key")) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> stranger.models.generateContent(MODEL, "Hello " + GatewayHttp.nonce(), null));
            assertEquals(401, refused.code());
            assertEquals("UNAUTHENTICATED", refused.status());
        }
    }

    @Test
    void anUpstreamThatStaysUnavailableReachesTheSdkAs503() {
        String nonce = GatewayHttp.nonce();
        ApiException failed = assertThrows(ApiException.class,
                () -> viaGateway.models.generateContent(MODEL, "Down " + nonce + " [[emulator fail=503 times=99]]", null));
        assertEquals(503, failed.code());
        assertEquals("UNAVAILABLE", failed.status());
        assertEquals(3, gateway.emulatorRequests(nonce, MODEL)[0], "retried by the gateway as for every reply");
    }

    @Test
    void anUpstreamRejectionReachesTheSdkAs400() {
        String nonce = GatewayHttp.nonce();
        ApiException rejected = assertThrows(ApiException.class,
                () -> viaGateway.models.generateContent(MODEL, "Bad " + nonce + " [[emulator fail=400]]", null));
        assertEquals(400, rejected.code());
        assertEquals("INVALID_ARGUMENT", rejected.status());
        assertEquals(1, gateway.emulatorRequests(nonce, null)[0], "not retried");
    }

    @Test
    void aStreamCutMidwayEndsInAnErrorTheSdkThrows() {
        String text = "Cut " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=8 tokensPerSecond=100 cutAfterTokens=3]]";
        List<String> received = new ArrayList<>();
        ApiException broken = assertThrows(ApiException.class, () -> {
            try (ResponseStream<GenerateContentResponse> stream = viaGateway.models.generateContentStream(MODEL, text, null)) {
                for (GenerateContentResponse chunk : stream) {
                    assertTrue(chunk.finishReason() == null || chunk.finishReason().toString().isEmpty()
                            || "FINISH_REASON_UNSPECIFIED".equals(chunk.finishReason().toString()),
                            "no chunk claims the reply finished: " + chunk.finishReason());
                    received.add(chunk.text());
                }
            }
        });
        assertEquals(502, broken.code());
        assertEquals(3, received.size(), "the three chunks before the cut: " + received);
    }

    // ---- the wire, over plain HTTP ----

    @Test
    void errorsHaveGeminisShape() {
        HttpResponse<String> noKey = gateway.send(gateway.request("/gemini/v1beta/models/" + MODEL + ":generateContent")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}")).build());
        JsonObject error = error(noKey, 401, "UNAUTHENTICATED");
        assertTrue(error.getString("message").contains("x-goog-api-key"), error.toString());

        error(post(":generateContent", "{\"generationConfig\":{}}"), 400, "INVALID_ARGUMENT");
        JsonObject missing = error(post(":generateContent", "{}"), 400, "INVALID_ARGUMENT");
        assertTrue(missing.getString("message").contains("contents"), missing.toString());
        assertEquals("contents", violation(missing));

        error(post(":generateContent", "{\"contents\": [ "), 400, "INVALID_ARGUMENT");
        error(post(":generateContent", "[1, 2]"), 400, "INVALID_ARGUMENT");

        JsonObject image = error(post(":generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}]}"),
                400, "INVALID_ARGUMENT");
        assertEquals("contents[0].parts[0].inlineData", violation(image));

        JsonObject tools = error(post(":generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"tools\":[{\"googleSearch\":{}}]}"), 400, "INVALID_ARGUMENT");
        assertEquals("tools", violation(tools));

        JsonObject unknown = error(post(":embedContent", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"), 404, "NOT_FOUND");
        assertTrue(unknown.getString("message").contains("embedContent"), unknown.toString());
    }

    @Test
    void aBodyNestedTenThousandLevelsIsA400InGeminisShapeWithoutAStackTraceInTheLog() throws Exception {
        // 20 KB: "contents" as 10,000 nested arrays, and a responseSchema of 2,000 levels in 42 KB (under the IT server's body
        // limit of 64 KB); a recursive parser or mapper overflows its stack on these
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        StringBuilder schema = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            schema.append("{\"type\":\"OBJECT\",\"properties\":{\"a\":");
        }
        schema.append("{\"type\":\"STRING\"}").append("}}".repeat(1_000));
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("it.server.log",
                "target/liberty/wlp/usr/servers/voice-gateway-it/logs/messages.log"));
        long before = java.nio.file.Files.size(log);
        for (int i = 0; i < 5; i++) {
            JsonObject contents = error(post(":generateContent", "{\"contents\":" + deep + "}"), 400, "INVALID_ARGUMENT");
            assertTrue(contents.getString("message").contains("64 levels"), contents.toString());
            error(post(":streamGenerateContent?alt=sse", "{\"contents\":" + deep + "}"), 400, "INVALID_ARGUMENT");
            error(post(":generateContent", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                    + "\"generationConfig\":{\"responseMimeType\":\"application/json\",\"responseSchema\":" + schema + "}}"),
                    400, "INVALID_ARGUMENT");
        }
        long grew = java.nio.file.Files.size(log) - before;
        // fifteen refusals: no stack trace per request (one is ~1,000 lines, 75 KB); a line each at most
        assertTrue(grew < 15 * 1_000, "messages.log grew " + grew + " bytes over fifteen refused requests");
        // 64 levels are still read: what is wrong then is the shape, not the depth
        JsonObject shallow = error(post(":generateContent", "{\"contents\":" + "[".repeat(63) + "]".repeat(63) + "}"), 400,
                "INVALID_ARGUMENT");
        assertFalse(shallow.getString("message").contains("levels"), shallow.toString());
    }

    @Test
    void theBodyLimitAnswersInGeminisShape() {
        String big = "x".repeat(70_000);
        error(post(":generateContent", "{\"contents\":[{\"parts\":[{\"text\":\"" + big + "\"}]}]}"), 413, "INVALID_ARGUMENT");
    }

    @Test
    void theKeyMayComeAsAQueryParameter() {
        HttpResponse<String> response = gateway.send(gateway.request("/gemini/v1beta/models/" + MODEL + ":countTokens?key="
                        + URLEncoder.encode(GatewayHttp.USER_KEY, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contents\":[{\"parts\":[{\"text\":\"three small words\"}]}]}")).build());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, GatewayHttp.json(response.body()).getInt("totalTokens"));
    }

    @Test
    void anUnavailableUpstreamIs503WithRetryAfterAndRetryInfo() {
        String nonce = GatewayHttp.nonce();
        HttpResponse<String> response = post(":streamGenerateContent?alt=sse",
                "{\"contents\":[{\"parts\":[{\"text\":\"Gone " + nonce + " [[emulator fail=500 times=99]]\"}]}]}");
        JsonObject error = error(response, 503, "UNAVAILABLE");
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1);
        boolean retryInfo = false;
        for (JsonObject detail : error.getJsonArray("details").getValuesAs(JsonObject.class)) {
            if (detail.getString("@type").endsWith("google.rpc.RetryInfo")) {
                retryInfo = true;
                assertEquals(retryAfter + "s", detail.getString("retryDelay"));
            }
        }
        assertTrue(retryInfo, error.toString());
    }

    @Test
    void sseEventsAreOneLineJsonAndAMidStreamFailureIsAnErrorEvent() {
        try (GatewayHttp.Streamed stream = gateway.stream(postRequest(":streamGenerateContent?alt=sse",
                "{\"contents\":[{\"parts\":[{\"text\":\"Broken " + GatewayHttp.nonce()
                        + " [[emulator ttftMs=10 tokens=6 tokensPerSecond=100 errorAfterTokens=2]]\"}]}]}"))) {
            assertEquals(200, stream.status());
            assertTrue(stream.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            List<GatewayHttp.Event> events = stream.restSse();
            assertEquals(3, events.size(), events.toString());
            assertEquals("model", events.get(0).data().getJsonArray("candidates").getJsonObject(0)
                    .getJsonObject("content").getString("role"));
            JsonObject error = events.get(2).data().getJsonObject("error");
            assertNotNull(error, events.toString());
            assertEquals(502, error.getInt("code"));
            assertEquals("UNAVAILABLE", error.getString("status"));
        }
    }

    @Test
    void withoutAltSseTheStreamIsAJsonArray() {
        HttpResponse<String> response = post(":streamGenerateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"Array " + GatewayHttp.nonce()
                        + " [[emulator ttftMs=10 tokens=4 tokensPerSecond=200]]\"}]}]}");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray chunks;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            chunks = reader.readArray();
        }
        JsonObject last = chunks.getJsonObject(chunks.size() - 1).getJsonArray("candidates").getJsonObject(0);
        assertEquals("STOP", last.getString("finishReason"));
        assertEquals(5, chunks.size(), "four chunks with text, then the finish: " + chunks);
    }

    @Test
    void geminiRequestsAreTimedUnderTheirOwnRoute() {
        viaGateway.models.generateContent(MODEL, "Timed " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=2]]", null);
        String metrics = gateway.get("/metrics", null).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("gateway_request_duration_seconds_count")
                && line.contains("route=\"gemini\"") && line.contains("format=\"json\"")), "gemini route timed");
    }

    private HttpResponse<String> post(String method, String body) {
        return gateway.send(postRequest(method, body));
    }

    private HttpRequest postRequest(String method, String body) {
        return gateway.request("/gemini/v1beta/models/" + MODEL + method)
                .header("x-goog-api-key", GatewayHttp.USER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonObject error(HttpResponse<String> response, int code, String status) {
        assertEquals(code, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        JsonObject error = GatewayHttp.json(response.body()).getJsonObject("error");
        assertNotNull(error, response.body());
        assertEquals(code, error.getInt("code"));
        assertEquals(status, error.getString("status"));
        assertFalse(error.getString("message").isBlank());
        return error;
    }

    private static String violation(JsonObject error) {
        for (JsonObject detail : error.getJsonArray("details").getValuesAs(JsonObject.class)) {
            if (detail.getString("@type").endsWith("google.rpc.BadRequest")) {
                return detail.getJsonArray("fieldViolations").getJsonObject(0).getString("field");
            }
        }
        throw new AssertionError("no BadRequest detail in " + error);
    }

    private long emulatorRequests(String... markers) {
        StringBuilder query = new StringBuilder("/gemini-emulator/requests?");
        for (String marker : markers) {
            query.append(query.charAt(query.length() - 1) == '?' ? "" : "&")
                    .append("contains=").append(URLEncoder.encode(marker, StandardCharsets.UTF_8));
        }
        return GatewayHttp.json(gateway.get(query.toString(), null).body()).getJsonNumber("count").longValue();
    }
}
