package com.voicegateway.problems.boundary;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Map;

/**
 * A WebSocket text frame read as the one JSON object it must be, with the REST surface's problems
 * for the same mistakes: malformed-json (with the parser's position) for what is not JSON, and a
 * 400 on {@code type} for JSON that is not an object, json-too-deep for one nested over
 * {@link #MAX_DEPTH} levels (checked before the parser sees it). The socket answers with an error frame and
 * stays open.
 */
public final class JsonFrames {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    /** Every frame the sockets take is flat (one level, two for a nested setting): deeper is refused before parsing. */
    public static final int MAX_DEPTH = 16;

    private JsonFrames() {
    }

    /** @param shape what a frame looks like, for the client: {@code {"type": "message", "text": "..."}} */
    public static JsonObject object(String frame, String shape) {
        JsonDepth.check(frame, MAX_DEPTH);
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(frame))) {
            value = reader.readValue();
        } catch (JsonParsingException malformed) {
            throw ProblemMapper.map(malformed);
        } catch (JsonException unreadable) {
            throw new GatewayException(ProblemType.MALFORMED_JSON, "A frame is a JSON object: " + shape, null, unreadable);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw GatewayException.badRequest("type", "a frame is a JSON object: " + shape);
        }
        return value.asJsonObject();
    }
}
