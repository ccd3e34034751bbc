package com.voicegateway.live.control;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The live voice client's socket as the relay sees it: asynchronous sends that report their end
 * (null, or why they failed), and a close. The boundary adapts the container's session to it.
 */
public interface ClientSocket {

    void sendBinary(ByteBuffer frame, Consumer<Throwable> sent);

    void sendText(String frame, Consumer<Throwable> sent);

    /** Closes without throwing, whatever state the socket is in. */
    void close(int code, String reason);

    String id();
}
