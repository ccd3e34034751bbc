package com.voicegateway.chat.control;

import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;

import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.sessions.entity.SessionBusyException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection's conversation in one session. It answers one message at a time: a message
 * that arrives while a reply streams is refused with 409 and the running reply goes on. Once the
 * connection is closed, every write of a running reply fails with {@link IOException}, which makes
 * the relay cancel the upstream call and record the reply as incomplete.
 */
public final class ChatConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChatConnection.class.getName());

    private final Conversations conversations;
    private final String sessionId;
    private final String owner;
    private final ReplyWriter frames;
    private final ReplyWriter whileOpen = new WhileOpen();
    private final AtomicBoolean replying = new AtomicBoolean();
    private volatile boolean closed;

    ChatConnection(Conversations conversations, String sessionId, String owner, ReplyWriter frames) {
        this.conversations = conversations;
        this.sessionId = sessionId;
        this.owner = owner;
        this.frames = frames;
    }

    /**
     * Starts the reply to {@code text}, streamed to the frames from a relay thread. Refusals that
     * come before the reply starts (404 session gone, 409 busy elsewhere, 503) are thrown for the
     * caller to answer; a 409 for this connection's own running reply is answered here.
     */
    public void message(String text, long arrivedNanos) throws IOException {
        if (closed) {
            return;
        }
        if (!replying.compareAndSet(false, true)) {
            frames.error(new SessionBusyException(sessionId).problem());
            return;
        }
        try {
            conversations.reply(sessionId, owner, text, arrivedNanos, new Channel());
        } catch (RuntimeException refused) {
            replying.set(false);
            throw refused;
        }
    }

    /** The client is gone: a running reply stops at its next write. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    /** Exactly one of failed/open is called, on the relay thread; either way the connection is free after it. */
    private final class Channel implements ReplyChannel {

        @Override
        public void failed(RuntimeException failure) {
            try {
                whileOpen.error(ProblemMapper.map(failure).problem());
            } catch (IOException gone) {
                LOG.log(Level.FINE, "Chat client of session {0} left before hearing why its reply failed", sessionId);
            } finally {
                replying.set(false);
            }
        }

        @Override
        public void open(Body body) {
            try {
                body.writeTo(whileOpen);
            } catch (IOException gone) {
                LOG.log(Level.FINE, "Chat client of session {0} went away mid-reply; upstream call cancelled", sessionId);
            } finally {
                replying.set(false);
            }
        }
    }

    /** The frames, refusing every write once the connection is closed. */
    private final class WhileOpen implements ReplyWriter {

        @Override
        public void delta(String text) throws IOException {
            ensureOpen();
            frames.delta(text);
        }

        /** The connection is free before the client hears the reply ended, so its next message is never refused. */
        @Override
        public void done(ReplyDone done) throws IOException {
            ensureOpen();
            replying.set(false);
            frames.done(done);
        }

        @Override
        public void error(Problem problem) throws IOException {
            ensureOpen();
            replying.set(false);
            frames.error(problem);
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("chat connection to session " + sessionId + " is closed");
            }
        }
    }
}
