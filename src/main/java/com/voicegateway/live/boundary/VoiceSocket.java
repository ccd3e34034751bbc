package com.voicegateway.live.boundary;

import com.voicegateway.live.control.ClientSocket;
import com.voicegateway.live.control.VoiceRelay;
import com.voicegateway.live.control.VoiceRelays;
import com.voicegateway.live.entity.LiveSettings;
import com.voicegateway.live.entity.VoiceControl;
import com.voicegateway.problems.boundary.FrameRate;
import com.voicegateway.problems.boundary.MessageParts;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.relay.boundary.ReplyJson;
import com.voicegateway.security.boundary.SocketKeyHandshake;
import com.voicegateway.security.control.ApiKeys;
import com.voicegateway.security.entity.Caller;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code WS /ws/v1/sessions/{id}/voice}: a live spoken conversation in one session. Binary frames
 * are Opus packets of 20 ms both ways; text frames are JSON control ({@link VoiceControl} in;
 * {@code ready}, {@code transcript}, {@code turn_complete}, {@code interrupted},
 * {@code reconnecting}, {@code resumed}, {@code error} out). This class only adapts the socket:
 * the conversation is {@link VoiceRelay}'s. Without a valid key the socket is closed with 1008; a
 * missing or foreign session gets a 404 {@code error} frame and 1008; a frame over
 * {@code gateway.live.max-frame-bytes} is closed by the container with 1009.
 *
 * <p>{@code @Dependent}: one instance per connection, created by CDI.
 */
@Dependent
@ServerEndpoint(value = "/ws/v1/sessions/{id}/voice", configurator = SocketKeyHandshake.class)
public class VoiceSocket {

    private static final Logger LOG = Logger.getLogger(VoiceSocket.class.getName());
    private static final int MAX_CONTROL_BYTES = 4096;
    private static final VoiceControlDecoder DECODER = new VoiceControlDecoder();

    @Inject
    ApiKeys keys;

    @Inject
    VoiceRelays relays;

    @Inject
    LiveSettings settings;

    private volatile VoiceRelay relay;
    private volatile FrameRate rate;
    private volatile MessageParts controls;
    private volatile MessageParts frames;

    @OnOpen
    public void open(Session session, @PathParam("id") String sessionId) {
        // the frame limits are ours (MessageParts: 1009 with our reason); the container's buffers only bound one part
        controls = new MessageParts(MAX_CONTROL_BYTES);
        frames = new MessageParts(settings.maxFrameBytes());
        session.setMaxBinaryMessageBufferSize(MessageParts.containerBuffer(settings.maxFrameBytes()));
        session.setMaxTextMessageBufferSize(MessageParts.containerBuffer(MAX_CONTROL_BYTES));
        session.setMaxIdleTimeout(settings.idleTimeoutMs());
        rate = new FrameRate(settings.maxControlFramesPerSecond());
        Object presented = session.getUserProperties().remove(SocketKeyHandshake.PRESENTED_KEY);
        Optional<Caller> caller = keys.authenticate(presented instanceof String key ? key : null);
        if (caller.isEmpty()) {
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, presented == null
                    ? "API key required: Authorization: Bearer <key> or ?access_token=<key>"
                    : "The API key is not valid");
            return;
        }
        try {
            relay = relays.open(sessionId, caller.get().name(), new Socket(session));
        } catch (RuntimeException refused) {
            GatewayException refusal = ProblemMapper.map(refused);
            try {
                session.getBasicRemote().sendText(ReplyJson.event("error", ReplyJson.problem(refusal.problem())).toString());
            } catch (IOException gone) {
                LOG.log(Level.FINE, "Voice socket {0} went away before hearing {1}", new Object[] {session.getId(), refusal.status()});
            }
            close(session, refusal.status() == 404 ? CloseReason.CloseCodes.VIOLATED_POLICY : CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    refusal.status() == 404 ? "Session not found" : "Try again later");
        }
    }

    /** A part of a control frame (JSON text): decoded once whole, unless it is over the limit. */
    @OnMessage
    public void control(Session session, String part, boolean last) {
        MessageParts assembly = controls;
        boolean over = assembly.exceeded();
        String whole = assembly.text(part, last);
        if (!tooBig(session, assembly, over) && whole != null) {
            control(DECODER.decode(whole));
        }
    }

    private void control(VoiceControl control) {
        VoiceRelay live = relay;
        if (live == null) {
            return;
        }
        // control frames only: audio comes at 50 binary frames a second and is bounded by the relay's queues
        switch (rate.next(System.nanoTime())) {
            case TAKE -> live.control(control);
            case REFUSE_AND_TELL -> live.control(new VoiceControl.Invalid(rate.refused()));
            case REFUSE -> {
            }
        }
    }

    /** A part of an audio frame (one Opus packet): relayed once whole, unless it is over the limit. */
    @OnMessage
    public void audio(Session session, ByteBuffer part, boolean last) {
        long arrived = System.nanoTime();
        MessageParts assembly = frames;
        boolean over = assembly.exceeded();
        byte[] packet = assembly.binary(part, last);
        VoiceRelay live = relay;
        if (!tooBig(session, assembly, over) && packet != null && live != null) {
            live.audio(packet, arrived);
        }
    }

    /** Closes with 1009 the moment a frame passes its limit (once); true while the frame is over it. */
    private boolean tooBig(Session session, MessageParts assembly, boolean alreadyOver) {
        if (!assembly.exceeded()) {
            return false;
        }
        if (!alreadyOver) {
            LOG.log(Level.FINE, "Voice socket {0}: {1}", new Object[] {session.getId(), assembly.reason()});
            release();
            close(session, CloseReason.CloseCodes.TOO_BIG, assembly.reason());
        }
        return true;
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        release();
        LOG.log(Level.FINE, "Voice socket {0} closed: {1}", new Object[] {session.getId(), reason});
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        if (!session.isOpen()) {
            release();
        }
        LOG.log(Level.FINE, failure, () -> "Voice socket " + session.getId() + " failed");
    }

    private void release() {
        VoiceRelay live = relay;
        if (live != null) {
            live.close();
        }
    }

    static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | IllegalStateException alreadyGone) {
            LOG.log(Level.FINE, "Voice socket {0} was already closed", session.getId());
        }
    }

    /** The container's session as the relay's {@link ClientSocket}: asynchronous sends with a completion handler. */
    private static final class Socket implements ClientSocket {
        private final Session session;

        Socket(Session session) {
            this.session = session;
        }

        @Override
        public void sendBinary(ByteBuffer frame, Consumer<Throwable> sent) {
            if (!session.isOpen()) {
                sent.accept(new IOException("voice socket " + session.getId() + " is closed"));
                return;
            }
            session.getAsyncRemote().sendBinary(frame, result -> sent.accept(result.isOK() ? null : result.getException()));
        }

        @Override
        public void sendText(String frame, Consumer<Throwable> sent) {
            if (!session.isOpen()) {
                sent.accept(new IOException("voice socket " + session.getId() + " is closed"));
                return;
            }
            session.getAsyncRemote().sendText(frame, result -> sent.accept(result.isOK() ? null : result.getException()));
        }

        @Override
        public void close(int code, String reason) {
            VoiceSocket.close(session, CloseReason.CloseCodes.getCloseCode(code), reason);
        }

        @Override
        public String id() {
            return session.getId();
        }
    }
}
