package com.voicegateway.live.boundary;

import com.voicegateway.live.entity.VoiceControl;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.websocket.Decoder;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes a live voice client's text frame. Never throws: a frame that is not a control message
 * decodes to {@link VoiceControl.Invalid} with the problem the REST surface would give.
 */
public class VoiceControlDecoder implements Decoder.Text<VoiceControl> {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final String TYPES = "type must be one of \"start\", \"end_of_turn\", \"interrupt\", \"stop\"";

    @Override
    public VoiceControl decode(String frame) {
        try {
            return control(frame);
        } catch (GatewayException invalid) {
            return new VoiceControl.Invalid(invalid.problem());
        }
    }

    @Override
    public boolean willDecode(String frame) {
        return true;
    }

    static VoiceControl control(String frame) {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(frame))) {
            value = reader.readValue();
        } catch (JsonParsingException malformed) {
            throw ProblemMapper.map(malformed);
        } catch (JsonException unreadable) {
            throw new GatewayException(ProblemType.MALFORMED_JSON, "A control frame is a JSON object: {\"type\": \"start\", \"sampleRate\": 16000}",
                    null, unreadable);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw GatewayException.badRequest("type", "a control frame is a JSON object; " + TYPES);
        }
        JsonObject json = value.asJsonObject();
        String type = json.get("type") instanceof JsonString named ? named.getString() : "";
        return switch (type) {
            case "start" -> new VoiceControl.Start(sampleRate(json.get("sampleRate")),
                    Optional.ofNullable(json.get("voice") instanceof JsonString voice ? voice.getString() : null));
            case "end_of_turn" -> new VoiceControl.EndOfTurn();
            case "interrupt" -> new VoiceControl.Interrupt();
            case "stop" -> new VoiceControl.Stop();
            default -> throw GatewayException.badRequest("type", TYPES);
        };
    }

    private static int sampleRate(JsonValue rate) {
        if (rate == null || rate == JsonValue.NULL) {
            return 16_000;
        }
        if (rate instanceof JsonNumber number && number.isIntegral()) {
            return number.intValue();
        }
        throw GatewayException.badRequest("sampleRate", "sampleRate must be 16000 or 48000 (a number)");
    }
}
