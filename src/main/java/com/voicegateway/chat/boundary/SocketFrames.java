package com.voicegateway.chat.boundary;

import com.voicegateway.relay.boundary.ReplyJson;

import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reply events as WebSocket text frames, the NDJSON line shapes ({@code {"type": ...}}). Each frame
 * is sent asynchronously and waited for at most the send timeout: a client that stops reading
 * costs a bounded wait, never a thread parked on a full socket or an unbounded queue; it is then
 * disconnected and the write fails, which cancels the upstream call. Frames from the relay thread
 * and from the socket's own thread (refusals) take turns, since a session sends one at a time.
 */
final class SocketFrames implements ReplyWriter {

    private static final Logger LOG = Logger.getLogger(SocketFrames.class.getName());

    private final Session session;
    private final long sendTimeoutMs;
    private final ReentrantLock sending = new ReentrantLock();

    SocketFrames(Session session, long sendTimeoutMs) {
        this.session = session;
        this.sendTimeoutMs = sendTimeoutMs;
    }

    @Override
    public void delta(String text) throws IOException {
        send(ReplyJson.event("delta", ReplyJson.delta(text)));
    }

    @Override
    public void done(ReplyDone done) throws IOException {
        send(ReplyJson.event("done", ReplyJson.done(done)));
    }

    @Override
    public void error(Problem problem) throws IOException {
        send(ReplyJson.event("error", ReplyJson.problem(problem)));
    }

    private void send(JsonObject frame) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMs);
        try {
            if (!sending.tryLock(sendTimeoutMs, TimeUnit.MILLISECONDS)) {
                throw stalled();
            }
            try {
                if (!session.isOpen()) {
                    throw new IOException("chat socket " + session.getId() + " is closed");
                }
                Future<Void> sent = session.getAsyncRemote().sendText(frame.toString());
                try {
                    sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException late) {
                    sent.cancel(true);
                    throw stalled();
                }
            } finally {
                sending.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending a chat frame");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        }
    }

    private IOException stalled() {
        LOG.log(Level.INFO, "Chat socket {0} did not take a frame within {1} ms; disconnecting it",
                new Object[] {session.getId(), sendTimeoutMs});
        ChatSocket.close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "client did not read frames in time");
        return new IOException("chat socket " + session.getId() + " did not take a frame within " + sendTimeoutMs + " ms");
    }
}
