package com.voicegateway.emulator.boundary;

import com.voicegateway.emulator.control.LiveConnection;
import com.voicegateway.emulator.control.LiveEmulator;
import com.voicegateway.emulator.control.LiveOutput;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gemini Live's WebSocket, where the GenAI SDKs dial it relative to their base URL:
 * {@code /gemini-emulator/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent}
 * (also {@code v1alpha}, {@code v1} and {@code BidiGenerateContentConstrained}). A path template
 * cannot match part of a segment, so the method segment is a parameter checked here. The protocol
 * is {@link LiveConnection}'s; this class only adapts the socket: text and binary frames both carry
 * JSON, as the SDKs send either.
 *
 * <p>{@code @Dependent}: one instance per connection, created by CDI.
 */
@Dependent
@ServerEndpoint(value = "/ws/{method}", configurator = LiveHandshake.class)
public class LiveEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveEndpoint.class.getName());
    private static final Pattern METHOD = Pattern.compile(
            "google\\.ai\\.generativelanguage\\.(v1beta|v1alpha|v1)\\.GenerativeService\\.BidiGenerateContent(Constrained)?");
    /** Base64 of a second of 16 kHz audio is 43 KB; a client may batch more. */
    private static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;

    @Inject
    LiveEmulator emulator;

    @Inject
    @ConfigProperty(name = "emulator.enabled", defaultValue = "true")
    boolean enabled;

    private volatile LiveConnection connection;

    @OnOpen
    public void open(Session session, @PathParam("method") String method) {
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        Object key = session.getUserProperties().remove(LiveHandshake.PRESENTED_KEY);
        if (!enabled || !METHOD.matcher(method).matches()) {
            close(session, 1008, "Method not found: " + method);
            return;
        }
        if (key == null) {
            close(session, 1008, "Method doesn't allow unregistered callers. Please use an API key.");
            return;
        }
        connection = emulator.open(new SocketOutput(session));
    }

    @OnMessage
    public void text(String frame) {
        LiveConnection live = connection;
        if (live != null) {
            live.receive(frame);
        }
    }

    @OnMessage
    public void binary(ByteBuffer frame) {
        LiveConnection live = connection;
        if (live != null) {
            live.receive(StandardCharsets.UTF_8.decode(frame).toString());
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        release();
        LOG.log(Level.FINE, "Live socket {0} closed: {1}", new Object[] {session.getId(), reason});
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        if (!session.isOpen()) {
            release();
        }
        LOG.log(Level.FINE, failure, () -> "Live socket " + session.getId() + " failed");
    }

    private void release() {
        LiveConnection live = connection;
        connection = null;
        if (live != null) {
            emulator.closed(live);
        }
    }

    private static void close(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "Live socket already gone", e);
        }
    }

    /** Sends one frame at a time: a socket takes no concurrent sends, and the scheduler has two threads. */
    private static final class SocketOutput implements LiveOutput {
        private final Session session;

        SocketOutput(Session session) {
            this.session = session;
        }

        @Override
        public boolean send(JsonObject message) {
            synchronized (session) {
                if (!session.isOpen()) {
                    return false;
                }
                try {
                    session.getBasicRemote().sendText(message.toString());
                    return true;
                } catch (IOException | IllegalStateException e) {
                    LOG.log(Level.FINE, "Live socket went away mid-send", e);
                    return false;
                }
            }
        }

        @Override
        public void close(int code, String reason) {
            synchronized (session) {
                LiveEndpoint.close(session, code, reason);
            }
        }
    }
}
