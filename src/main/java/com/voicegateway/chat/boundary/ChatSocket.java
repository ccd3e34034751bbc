package com.voicegateway.chat.boundary;

import com.voicegateway.chat.control.ChatConnection;
import com.voicegateway.chat.control.ChatConnections;
import com.voicegateway.chat.entity.ChatFrame;
import com.voicegateway.chat.entity.ChatSocketSettings;
import com.voicegateway.problems.boundary.FrameRate;
import com.voicegateway.problems.boundary.MessageParts;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.security.boundary.SocketKeyHandshake;
import com.voicegateway.security.control.ApiKeys;
import com.voicegateway.security.entity.Caller;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code WS /ws/v1/sessions/{id}/chat}: a session's conversation over one socket. Client frames are
 * {@code {"type": "message", "text": "..."}}; the server streams {@code delta} frames and then one
 * {@code done} or {@code error}, exactly the NDJSON events. A bad frame or a message while a reply
 * streams gets an {@code error} frame and the socket stays open. Without a valid API key, or for a
 * session that is not the caller's, the socket is closed with 1008 (after a 404 {@code error}
 * frame in the latter case, the same for a missing session and a foreign one).
 *
 * <p>{@code @Dependent}: one instance per connection, created by CDI so that injection works under
 * {@code bean-discovery-mode="annotated"}.
 */
@Dependent
@ServerEndpoint(value = "/ws/v1/sessions/{id}/chat", configurator = SocketKeyHandshake.class)
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class.getName());
    private static final ChatFrameDecoder DECODER = new ChatFrameDecoder();

    @Inject
    ApiKeys keys;

    @Inject
    ChatConnections connections;

    @Inject
    ChatSocketSettings settings;

    // set on open, read on the container's message and close threads
    private volatile SocketFrames frames;
    private volatile ChatConnection connection;
    private volatile FrameRate rate;
    private volatile MessageParts parts;

    @OnOpen
    public void open(Session session, @PathParam("id") String sessionId) {
        // the message limit is ours (MessageParts: 1009 with our reason); the container's buffer only bounds one part
        parts = new MessageParts(settings.maxMessageBytes());
        session.setMaxTextMessageBufferSize(MessageParts.containerBuffer(settings.maxMessageBytes()));
        session.setMaxIdleTimeout(settings.idleTimeoutMs());
        Object presented = session.getUserProperties().remove(SocketKeyHandshake.PRESENTED_KEY);
        Optional<Caller> caller = keys.authenticate(presented instanceof String key ? key : null);
        if (caller.isEmpty()) {
            close(session, CloseCodes.VIOLATED_POLICY, presented == null
                    ? "API key required: Authorization: Bearer <key> or ?access_token=<key>"
                    : "The API key is not valid");
            return;
        }
        frames = new SocketFrames(session, settings.sendTimeoutMs());
        rate = new FrameRate(settings.maxFramesPerSecond());
        try {
            connection = connections.open(sessionId, caller.get().name(), frames);
        } catch (RuntimeException refused) {
            refuse(session, ProblemMapper.map(refused));
        }
    }

    /** A part of a text message: the whole one is decoded once its last part is in, unless it is over the limit. */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        MessageParts assembly = parts;
        boolean over = assembly.exceeded();
        String whole = assembly.text(part, last);
        if (assembly.exceeded()) {
            if (!over) {
                LOG.log(Level.FINE, "Chat socket {0}: {1}", new Object[] {session.getId(), assembly.reason()});
                release();
                close(session, CloseCodes.TOO_BIG, assembly.reason());
            }
            return;
        }
        if (whole != null) {
            frame(session, DECODER.decode(whole));
        }
    }

    private void frame(Session session, ChatFrame frame) {
        long arrived = System.nanoTime();
        if (connection == null) {
            return;
        }
        try {
            FrameRate.Verdict verdict = rate.next(arrived);
            if (verdict != FrameRate.Verdict.TAKE) {
                if (verdict == FrameRate.Verdict.REFUSE_AND_TELL) {
                    LOG.log(Level.FINE, "Chat socket {0} is over its frame rate", session.getId());
                    frames.error(rate.refused());
                }
                return;
            }
            if (frame instanceof ChatFrame.Message message) {
                connection.message(message.text(), arrived);
            } else if (frame instanceof ChatFrame.Invalid invalid) {
                frames.error(invalid.problem());
            }
        } catch (RuntimeException refused) {
            refuse(session, ProblemMapper.map(refused));
        } catch (IOException gone) {
            LOG.log(Level.FINE, "Chat socket {0} went away before an answer", session.getId());
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        release();
        LOG.log(Level.FINE, "Chat socket {0} closed: {1}", new Object[] {session.getId(), reason});
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        // the container closes the socket after a fatal error and calls closed() too; this covers one that does not
        if (!session.isOpen()) {
            release();
        }
        LOG.log(Level.FINE, failure, () -> "Chat socket " + session.getId() + " failed");
    }

    private void release() {
        if (connection != null) {
            connection.close();
        }
    }

    /** Tells the client why in an error frame; a session that is gone (404) leaves nothing to talk about. */
    private void refuse(Session session, GatewayException refusal) {
        try {
            frames.error(refusal.problem());
        } catch (IOException gone) {
            LOG.log(Level.FINE, "Chat socket {0} went away before hearing {1}", new Object[] {session.getId(), refusal.status()});
        }
        if (refusal.status() == 404) {
            release();
            close(session, CloseCodes.VIOLATED_POLICY, "Session not found");
        } else if (connection == null) {
            // refused at open for another reason (e.g. Redis down: 503): the client may retry later
            close(session, CloseCodes.TRY_AGAIN_LATER, "Try again later");
        }
    }

    /** Closes without throwing: the socket may already be gone. A reason must fit a control frame (123 bytes). */
    static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | IllegalStateException alreadyGone) {
            LOG.log(Level.FINE, "Chat socket {0} was already closed", session.getId());
        }
    }
}
