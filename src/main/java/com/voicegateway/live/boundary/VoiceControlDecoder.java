package com.voicegateway.live.boundary;

import com.voicegateway.live.entity.VoiceControl;
import com.voicegateway.problems.boundary.JsonFrames;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;
import java.util.Optional;

/**
 * Decodes a live voice client's text frame. Never throws: a frame that is not a control message
 * decodes to {@link VoiceControl.Invalid} with the problem the REST surface would give.
 */
public class VoiceControlDecoder implements Decoder.Text<VoiceControl> {

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
        JsonObject json = JsonFrames.object(frame, "{\"type\": \"start\", \"sampleRate\": 16000}; " + TYPES);
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
