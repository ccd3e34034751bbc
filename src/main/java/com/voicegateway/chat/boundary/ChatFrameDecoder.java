package com.voicegateway.chat.boundary;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.chat.entity.ChatFrame;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.websocket.Decoder;
import java.io.StringReader;
import java.util.Map;

/**
 * Decodes a chat socket's client frame. Never throws: a frame that is not a valid message decodes
 * to {@link ChatFrame.Invalid} with the same problem the REST surface would give, so the endpoint
 * answers it with an error frame and the connection stays open.
 */
public class ChatFrameDecoder implements Decoder.Text<ChatFrame> {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    @Override
    public ChatFrame decode(String frame) {
        try {
            return message(frame);
        } catch (GatewayException invalid) {
            return new ChatFrame.Invalid(invalid.problem());
        }
    }

    @Override
    public boolean willDecode(String frame) {
        return true;
    }

    private static ChatFrame message(String frame) {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(frame))) {
            value = reader.readValue();
        } catch (JsonParsingException malformed) {
            // the REST surface's problem for the same mistake: malformed-json, with the parser's position
            throw ProblemMapper.map(malformed);
        } catch (JsonException unreadable) {
            throw new GatewayException(ProblemType.MALFORMED_JSON,
                    "A frame is a JSON object: {\"type\": \"message\", \"text\": \"...\"}", null, unreadable);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw GatewayException.badRequest("type", "a frame is a JSON object: {\"type\": \"message\", \"text\": \"...\"}");
        }
        JsonObject json = value.asJsonObject();
        JsonValue type = json.get("type");
        if (!(type instanceof JsonString named) || !"message".equals(named.getString())) {
            throw GatewayException.badRequest("type", "type must be \"message\": {\"type\": \"message\", \"text\": \"...\"}");
        }
        JsonValue text = json.get("text");
        return new ChatFrame.Message(text instanceof JsonString string ? string.getString() : null);
    }
}
