package com.voicegateway.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code WS /ws/v1/sessions/{id}/chat} with the JDK's WebSocket client, against the emulator, over a real socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class ChatSocketIT extends DeployedGateway {

    private static final String OTHER_USER_KEY = "dev-user2-key";
    /** Must stay above the IT server's GATEWAY_WS_MAX_MESSAGE_BYTES (src/it/pom.xml). */
    private static final int OVER_THE_LIMIT = 8192;
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final GatewayHttp gateway = new GatewayHttp();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aMessageStreamsDeltasThenOneDoneAndTheExchangeIsRecorded() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        String text = "hi " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=5 tokensPerSecond=100]]";
        try (Socket socket = Socket.withHeader(this, session, GatewayHttp.USER_KEY)) {
            socket.message(text);
            List<JsonObject> reply = socket.replyFrames();
            List<JsonObject> deltas = reply.subList(0, reply.size() - 1);
            assertEquals(5, deltas.size(), "one delta per upstream chunk: " + reply);
            assertTrue(deltas.stream().allMatch(f -> f.getString("type").equals("delta") && !f.getString("text").isEmpty()));
            JsonObject done = reply.get(reply.size() - 1);
            assertEquals("done", done.getString("type"), reply.toString());
            assertEquals("STOP", done.getString("finishReason"));
            assertEquals(5, done.getJsonObject("usage").getInt("outputTokens"));
            assertTrue(done.getJsonObject("usage").getInt("promptTokens") > 0);
            assertTrue(done.containsKey("ttftMs"));
            assertFalse(done.getBoolean("cached"));
            assertEquals("gemini-2.5-flash", done.getString("model"));
            assertFalse(socket.closed.isDone(), "the socket stays open for the next message");

            JsonArray items = GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages", GatewayHttp.USER_KEY).body())
                    .getJsonArray("items");
            assertEquals(2, items.size(), items.toString());
            assertEquals("user", items.getJsonObject(0).getString("role"));
            assertEquals(text, items.getJsonObject(0).getString("text"));
            JsonObject model = items.getJsonObject(1);
            assertEquals("model", model.getString("role"));
            assertEquals(concatenated(deltas), model.getString("text"));
            assertTrue(model.getBoolean("complete"));
            assertEquals(done.getString("messageId"), Long.toString(model.getJsonNumber("id").longValue()));
        }
    }

    @Test
    void theKeyMayComeAsAnAccessTokenQueryParameter() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        try (Socket socket = Socket.connect(this, session, null, "?access_token=" + GatewayHttp.USER_KEY)) {
            socket.message("query " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=3 tokensPerSecond=200]]");
            List<JsonObject> reply = socket.replyFrames();
            assertEquals(List.of("delta", "delta", "delta", "done"), types(reply));
        }
    }

    @Test
    void noKeyClosesWithPolicyViolation() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        try (Socket socket = Socket.connect(this, session, null, "")) {
            Closed closed = socket.awaitClose();
            assertEquals(1008, closed.code());
            assertTrue(closed.reason().contains("API key"), closed.reason());
            assertTrue(socket.frames.isEmpty(), "nothing but the close: " + socket.frames);
        }
    }

    @Test
    void aWrongKeyClosesWithPolicyViolation() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        try (Socket header = Socket.withHeader(this, session, "not-a-key");
                Socket query = Socket.connect(this, session, null, "?access_token=not-a-key")) {
            assertEquals(1008, header.awaitClose().code());
            assertEquals(1008, query.awaitClose().code());
        }
    }

    @Test
    void anotherUsersSessionLooksExactlyLikeAMissingOne() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        String missing = "s_" + GatewayHttp.nonce().substring(1, 23);
        JsonObject foreignProblem;
        JsonObject missingProblem;
        try (Socket foreign = Socket.withHeader(this, session, OTHER_USER_KEY)) {
            foreignProblem = foreign.next();
            assertEquals(1008, foreign.awaitClose().code());
        }
        try (Socket absent = Socket.withHeader(this, missing, OTHER_USER_KEY)) {
            missingProblem = absent.next();
            assertEquals(1008, absent.awaitClose().code());
        }
        assertEquals("error", foreignProblem.getString("type"));
        assertEquals(404, foreignProblem.getInt("status"));
        assertEquals("/problems/session-not-found", foreignProblem.getString("problemType"));
        assertEquals(foreignProblem.getString("title"), missingProblem.getString("title"));
        assertEquals(foreignProblem.getInt("status"), missingProblem.getInt("status"));
        assertEquals(foreignProblem.getString("problemType"), missingProblem.getString("problemType"));
        assertEquals(foreignProblem.getString("detail").replace(session, "ID"), missingProblem.getString("detail").replace(missing, "ID"));
    }

    @Test
    void aFrameOverTheLimitClosesWithTooBig() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        try (Socket socket = Socket.withHeader(this, session, GatewayHttp.USER_KEY)) {
            socket.message("x".repeat(OVER_THE_LIMIT));
            Closed closed = socket.awaitClose();
            assertEquals(1009, closed.code());
            // the container's reason names the limit, never a class of ours or an exception
            assertFalse(closed.reason().matches("(?s).*(com\\.voicegateway|ChatSocket|Exception|java\\.).*"), closed.reason());
        }
    }

    @Test
    void aSecondMessageWhileAReplyStreamsIs409AndTheFirstReplyCompletes() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        try (Socket socket = Socket.withHeader(this, session, GatewayHttp.USER_KEY)) {
            // 20 tokens at 10/s: the reply streams for about 2 s
            socket.message("slow " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=20 tokensPerSecond=10]]");
            assertEquals("delta", socket.next().getString("type"), "the first reply is streaming");
            socket.message("too soon");
            List<JsonObject> rest = socket.replyFrames();
            List<JsonObject> refusals = rest.stream().filter(f -> f.getString("type").equals("error")).toList();
            assertEquals(1, refusals.size(), rest.toString());
            assertEquals(409, refusals.get(0).getInt("status"));
            assertEquals("/problems/session-busy", refusals.get(0).getString("problemType"));
            JsonObject done = rest.get(rest.size() - 1);
            assertEquals("done", done.getString("type"), "the first reply went on: " + rest);
            assertEquals(20, done.getJsonObject("usage").getInt("outputTokens"));
            assertEquals(19, rest.stream().filter(f -> f.getString("type").equals("delta")).count());
        }
    }

    @Test
    void badFramesGet400AndTheSocketStaysUsable() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        try (Socket socket = Socket.withHeader(this, session, GatewayHttp.USER_KEY)) {
            socket.send("{\"type\": \"message\", \"text\": ");
            JsonObject malformed = socket.next();
            assertEquals("error", malformed.getString("type"));
            assertEquals(400, malformed.getInt("status"));
            assertEquals("/problems/malformed-json", malformed.getString("problemType"));

            socket.send("{\"type\": \"message\", \"text\": \"  \"}");
            assertInvalid(socket.next(), "text");
            // 1,500 levels in 3 KB (under the IT server's frame limit of 4 KB): refused before parsing, the socket goes on
            socket.send("{\"type\": \"message\", \"text\": " + "[".repeat(1_500) + "]".repeat(1_500) + "}");
            JsonObject deep = socket.next();
            assertEquals("error", deep.getString("type"));
            assertEquals("/problems/json-too-deep", deep.getString("problemType"), deep.toString());
            socket.send("{\"type\": \"hello\", \"text\": \"hi\"}");
            assertInvalid(socket.next(), "type");

            socket.message("after " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=2 tokensPerSecond=200]]");
            assertEquals(List.of("delta", "delta", "done"), types(socket.replyFrames()));
            assertFalse(socket.closed.isDone());
        }
    }

    @Test
    void aFloodOfFramesIsDroppedOverTheRateAndAnsweredOnceAndTheSocketStaysUsable() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        try (Socket socket = Socket.withHeader(this, session, GatewayHttp.USER_KEY)) {
            // 200 frames at once against 20 a second with bursts of 40: each taken one is a 400 ("text" is missing)
            for (int i = 0; i < 200; i++) {
                socket.send("{\"type\": \"message\"}");
            }
            List<JsonObject> answers = new ArrayList<>();
            JsonObject frame;
            while ((frame = socket.frames.poll(2, TimeUnit.SECONDS)) != null) {
                answers.add(frame);
            }
            long processed = answers.stream().filter(f -> f.getInt("status") == 400).count();
            long refusals = answers.stream().filter(f -> f.getInt("status") == 429).count();
            assertTrue(processed >= 40 && processed < 100, processed + " of 200 frames processed: " + answers.size() + " answers");
            assertTrue(refusals >= 1 && refusals <= 5, refusals + " rate answers, at most one a second");
            assertEquals("/problems/frame-rate-exceeded", answers.stream().filter(f -> f.getInt("status") == 429).findFirst()
                    .orElseThrow().getString("problemType"));
            // the socket goes on once the client slows down
            Thread.sleep(2_000); // the rate limit is time itself: the bucket refills at 20 a second
            socket.message("after the flood " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=2 tokensPerSecond=200]]");
            assertEquals(List.of("delta", "delta", "done"), types(socket.replyFrames()));
            assertFalse(socket.closed.isDone());
        }
    }

    @Test
    void closingMidReplyCancelsTheUpstreamCallAndKeepsThePartialReplyMarkedIncomplete() throws Exception {
        String session = createSession(GatewayHttp.USER_KEY);
        String nonce = GatewayHttp.nonce();
        try (Socket socket = Socket.withHeader(this, session, GatewayHttp.USER_KEY)) {
            // 100 tokens at 10/s: ten seconds if nobody cancels it
            socket.message("long " + nonce + " [[emulator ttftMs=10 tokens=100 tokensPerSecond=10]]");
            assertEquals("delta", socket.next().getString("type"));
            socket.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> gateway.emulatorRequests(nonce, null)[1] == 1),
                "the emulator saw the upstream call cancelled");
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> {
            JsonArray items = GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages", GatewayHttp.USER_KEY).body())
                    .getJsonArray("items");
            return items.size() == 2 && !items.getJsonObject(1).getBoolean("complete");
        }), "the broken reply is recorded, marked incomplete");
    }

    private static void assertInvalid(JsonObject frame, String field) {
        assertEquals("error", frame.getString("type"), frame.toString());
        assertEquals(400, frame.getInt("status"));
        assertEquals("/problems/invalid-request", frame.getString("problemType"));
        assertEquals(field, frame.getJsonArray("invalidParams").getJsonObject(0).getString("name"), frame.toString());
    }

    private static List<String> types(List<JsonObject> frames) {
        return frames.stream().map(f -> f.getString("type")).toList();
    }

    private static String concatenated(List<JsonObject> deltas) {
        StringBuilder text = new StringBuilder();
        deltas.forEach(d -> text.append(d.getString("text")));
        return text.toString();
    }

    private String createSession(String key) {
        HttpResponse<String> created = gateway.send(gateway.request("/api/v1/sessions")
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"templateId\":\"assistant\"}")).build());
        assertEquals(201, created.statusCode(), created.body());
        return GatewayHttp.json(created.body()).getString("id");
    }

    private URI socketUri(String session, String query) {
        String base = System.getProperty("gateway.url", "http://localhost:19080").replaceFirst("^http", "ws");
        return URI.create(base + "/ws/v1/sessions/" + session + "/chat" + query);
    }

    record Closed(int code, String reason) {
    }

    /** One client socket: whole text frames as JSON, in order, and how the server closed it. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket webSocket;

        static Socket withHeader(ChatSocketIT test, String session, String key) throws Exception {
            return connect(test, session, key, "");
        }

        static Socket connect(ChatSocketIT test, String session, String headerKey, String query) throws Exception {
            Socket socket = new Socket();
            WebSocket.Builder builder = test.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
            if (headerKey != null) {
                builder.header("Authorization", "Bearer " + headerKey);
            }
            socket.webSocket = builder.buildAsync(test.socketUri(session, query), socket).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return socket;
        }

        void message(String text) throws Exception {
            send(Json.createObjectBuilder().add("type", "message").add("text", text).build().toString());
        }

        void send(String frame) throws Exception {
            webSocket.sendText(frame, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        JsonObject next() throws InterruptedException {
            JsonObject frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                fail("no frame within " + WAIT + (closed.isDone() ? "; closed: " + closed.join() : ""));
            }
            return frame;
        }

        /** Frames up to and including the reply's end: done, or an error that is not a refusal (409) mid-reply. */
        List<JsonObject> replyFrames() throws InterruptedException {
            List<JsonObject> reply = new ArrayList<>();
            while (true) {
                JsonObject frame = next();
                reply.add(frame);
                String type = frame.getString("type");
                if (type.equals("done") || (type.equals("error") && frame.getInt("status") != 409)) {
                    return reply;
                }
            }
        }

        Closed awaitClose() throws Exception {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(GatewayHttp.json(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            if (!webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
            webSocket.abort();
        }
    }
}
