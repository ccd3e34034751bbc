package com.voicegateway.live.control;

import com.google.genai.types.LiveServerMessage;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One Gemini Live connection ({@code BidiGenerateContent}), owned by the gateway rather than the
 * SDK's AsyncSession, which only logs the upstream's closes (1000/1007/1011) and sends on the common
 * pool without ordering. Messages are the SDK's own types and JSON mapping ({@code LiveClientMessage}
 * out, {@link LiveServerMessage} in); the socket is the JDK's, so every close reaches the relay with
 * its code, and sends go out one after another in the order they were made. Server messages are
 * read one at a time (the next is requested when the listener is done with the last, or when the
 * stage it returned completes), so a slow relay, or one whose client has enough audio queued, slows
 * its own upstream and nobody else's: the rest waits in the socket, unread.
 */
final class LiveUpstream {

    private static final Logger LOG = Logger.getLogger(LiveUpstream.class.getName());
    /** A protobuf JSON {@code Duration} with a fraction, as a whole JSON string: {@code "1.500s"}. */
    private static final Pattern FRACTIONAL_DURATION = Pattern.compile("\"(-?\\d+)\\.\\d{1,9}s\"");

    /** What happens on the connection, on the JDK client's threads, one event at a time. */
    interface Listener {
        /** Returns null to have the next message at once, or a stage that completes when the listener wants it. */
        CompletionStage<?> message(LiveUpstream from, LiveServerMessage message, long arrivedNanos);

        /** Exactly once: the upstream closed ({@code code} as sent), or the socket failed (1006). */
        void closed(LiveUpstream from, int code, String reason);
    }

    static final int ABNORMAL = 1006;

    private final int number;
    private final Listener listener;
    /** Where a paused read resumes: the HTTP client's own threads, which read every Live socket anyway. */
    private final Executor readers;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object sending = new Object();
    private volatile WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile long openedNanos;

    LiveUpstream(int number, Listener listener, Executor readers) {
        this.number = number;
        this.listener = listener;
        this.readers = readers;
    }

    /** The JDK listener for this connection's socket. */
    WebSocket.Listener socketListener() {
        return new Frames();
    }

    void opened(WebSocket webSocket) {
        socket = webSocket;
        openedNanos = System.nanoTime();
    }

    long openedNanos() {
        return openedNanos;
    }

    int number() {
        return number;
    }

    /** Sends one JSON message after the ones before it; a failed send closes the connection (1006). */
    void send(String json) {
        WebSocket open = socket;
        if (open == null || ended.get()) {
            return;
        }
        synchronized (sending) {
            lastSend = lastSend.thenCompose(ignored -> open.sendText(json, true)).whenComplete((sent, failed) -> {
                if (failed != null) {
                    fail("send failed: " + failed);
                }
            });
        }
    }

    /** Closes at once: a polite close frame, and the socket is dropped whatever the peer does. Idempotent. */
    void close() {
        WebSocket open = socket;
        if (open != null && !open.isOutputClosed()) {
            synchronized (sending) {
                lastSend = lastSend.handle((sent, failed) -> null)
                        .thenCompose(ignored -> open.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                        .whenComplete((sent, failed) -> open.abort());
            }
        }
        ended.set(true);
    }

    /** The connection could not be opened or broke: reported once as a 1006 close. */
    void fail(String why) {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
        if (ended.compareAndSet(false, true)) {
            listener.closed(this, ABNORMAL, why);
        }
    }

    boolean ended() {
        return ended.get();
    }

    /**
     * The SDK's message, read with the SDK's own mapping. The SDK reads a protobuf {@code Duration}
     * only in whole seconds ({@code "50s"}), while the protobuf JSON form Gemini uses has fractions
     * too ({@code "1.500s"}, as in {@code goAway.timeLeft}): a message it refuses is read again with
     * every such duration rounded down to whole seconds (so a deadline comes early, never late)
     * rather than losing the connection over it.
     */
    static LiveServerMessage read(String json) {
        try {
            return LiveServerMessage.fromJson(json);
        } catch (RuntimeException refused) {
            String whole = FRACTIONAL_DURATION.matcher(json).replaceAll("\"$1s\"");
            if (whole.equals(json)) {
                throw refused;
            }
            return LiveServerMessage.fromJson(whole);
        }
    }

    private final class Frames implements WebSocket.Listener {
        private StringBuilder partial;
        private ByteBuffer partialBinary;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                (partial == null ? partial = new StringBuilder() : partial).append(data);
            } else {
                String json = partial == null ? data.toString() : partial.append(data).toString();
                partial = null;
                readNextWhen(webSocket, deliver(json));
                return null;
            }
            webSocket.request(1);
            return null;
        }

        /** Gemini sends its JSON in binary frames too. */
        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer joined = partialBinary == null ? data : concat(partialBinary, data);
            if (!last) {
                partialBinary = copy(joined);
            } else {
                partialBinary = null;
                readNextWhen(webSocket, deliver(StandardCharsets.UTF_8.decode(joined).toString()));
                return null;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (ended.compareAndSet(false, true)) {
                listener.closed(LiveUpstream.this, statusCode, reason);
            }
            webSocket.abort();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.log(Level.FINE, error, () -> "Live upstream connection " + number + " failed");
            fail(String.valueOf(error));
        }

        /** The listener's answer to one whole message: when to read the next. */
        private CompletionStage<?> deliver(String json) {
            long arrived = System.nanoTime();
            LiveServerMessage message;
            try {
                message = read(json);
            } catch (RuntimeException unreadable) {
                LOG.log(Level.WARNING, "Live upstream sent a message the SDK cannot read; closing: {0}", unreadable.toString());
                fail("unreadable upstream message: " + unreadable);
                return null;
            }
            try {
                return listener.message(LiveUpstream.this, message, arrived);
            } catch (RuntimeException bug) {
                LOG.log(Level.WARNING, "Live relay failed on an upstream message", bug);
                return null;
            }
        }

        /**
         * Requests the next message now, or once {@code ready} completes: then on a reader thread, because
         * the JDK client may deliver the next message on the thread that requests it, and the one completing
         * {@code ready} holds the relay's lock and paces other sessions.
         */
        private void readNextWhen(WebSocket webSocket, CompletionStage<?> ready) {
            if (ready == null) {
                webSocket.request(1);
            } else {
                ready.whenCompleteAsync((done, failed) -> webSocket.request(1), readers);
            }
        }

        private static ByteBuffer concat(ByteBuffer first, ByteBuffer second) {
            ByteBuffer joined = ByteBuffer.allocate(first.remaining() + second.remaining());
            return joined.put(first.duplicate()).put(second.duplicate()).flip();
        }

        private static ByteBuffer copy(ByteBuffer data) {
            return ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        }
    }
}
