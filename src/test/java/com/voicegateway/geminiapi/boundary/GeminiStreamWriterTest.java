package com.voicegateway.geminiapi.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.relay.entity.Usage;
import com.voicegateway.problems.entity.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiStreamWriterTest {

    private static final ReplyDone DONE = new ReplyDone("msg_1", "gemini-2.5-flash", "STOP", new Usage(4, 2), 12, false);

    @Test
    void sseEventsAreDataLinesEndedByABlankLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeminiStreamWriter writer = new GeminiStreamWriter(out, true, "r1");
        writer.delta("Hello");
        writer.delta(" world");
        writer.done(DONE);
        String[] events = out.toString(StandardCharsets.UTF_8).split("\r\n\r\n");
        assertEquals(3, events.length);
        for (String event : events) {
            assertTrue(event.startsWith("data: {") && !event.contains("\n"), event);
        }
        JsonObject last = json(events[2].substring(6));
        assertEquals("STOP", last.getJsonArray("candidates").getJsonObject(0).getString("finishReason"));
        assertEquals(6, last.getJsonObject("usageMetadata").getInt("totalTokenCount"));
        assertEquals("gemini-2.5-flash", last.getString("modelVersion"));
    }

    @Test
    void withoutSseTheReplyIsOneJsonArrayEvenWhenItBreaks() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeminiStreamWriter writer = new GeminiStreamWriter(out, false, "r1");
        writer.delta("Hello");
        writer.error(Problem.of("upstream-stream-cut", "Upstream reply broke off", 502, "cut"));
        JsonArray array;
        try (JsonReader reader = Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
            array = reader.readArray();
        }
        assertEquals(2, array.size());
        JsonObject error = array.getJsonObject(1).getJsonObject("error");
        assertEquals(502, error.getInt("code"));
        assertEquals("UNAVAILABLE", error.getString("status"));
        assertEquals("UPSTREAM_STREAM_CUT", error.getJsonArray("details").getJsonObject(0).getString("reason"));
    }

    @Test
    void statusNamesAreGooglesCanonicalOnes() {
        assertEquals("INVALID_ARGUMENT", GeminiJson.status(400));
        assertEquals("UNAUTHENTICATED", GeminiJson.status(401));
        assertEquals("PERMISSION_DENIED", GeminiJson.status(403));
        assertEquals("NOT_FOUND", GeminiJson.status(404));
        assertEquals("RESOURCE_EXHAUSTED", GeminiJson.status(429));
        assertEquals("INTERNAL", GeminiJson.status(500));
        assertEquals("UNAVAILABLE", GeminiJson.status(503));
        assertEquals("DEADLINE_EXCEEDED", GeminiJson.status(504));
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
