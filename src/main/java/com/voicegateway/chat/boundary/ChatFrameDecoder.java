package com.voicegateway.chat.boundary;

import com.voicegateway.chat.entity.ChatFrame;
import com.voicegateway.problems.boundary.JsonFrames;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;

/**
 * Decodes a chat socket's client frame. Never throws: a frame that is not a valid message decodes
 * to {@link ChatFrame.Invalid} with the same problem the REST surface would give, so the endpoint
 * answers it with an error frame and the connection stays open.
 */
public class ChatFrameDecoder implements Decoder.Text<ChatFrame> {

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
        JsonObject json = JsonFrames.object(frame, "{\"type\": \"message\", \"text\": \"...\"}");
        JsonValue type = json.get("type");
        if (!(type instanceof JsonString named) || !"message".equals(named.getString())) {
            throw GatewayException.badRequest("type", "type must be \"message\": {\"type\": \"message\", \"text\": \"...\"}");
        }
        JsonValue text = json.get("text");
        return new ChatFrame.Message(text instanceof JsonString string ? string.getString() : null);
    }
}
