package com.voicegateway.emulator.control;

import jakarta.json.JsonObject;

/** Where a {@link LiveConnection} writes: the WebSocket in the server, a list in unit tests. */
public interface LiveOutput {

    /** Sends one server message; false when the socket is gone. */
    boolean send(JsonObject message);

    /** Closes the socket with a WebSocket close code and a reason (at most 123 bytes). */
    void close(int code, String reason);
}
