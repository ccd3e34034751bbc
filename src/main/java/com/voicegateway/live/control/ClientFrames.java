package com.voicegateway.live.control;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What goes to one live voice client, in order, one frame on the wire at a time: no thread ever
 * waits on a client's socket. Frames wait in a queue bounded in frames and bytes; when it is full
 * an audio frame is dropped (and counted) rather than queued, since audio that late is no use, while
 * a control frame that finds it full means the client has stopped reading, and the connection is
 * given up. {@link #stalledSinceNanos} lets the relay's watchdog close a client whose send never ends.
 * Thread-safe.
 */
final class ClientFrames {

    /** Told when a frame could not go out (the socket failed) or the queue gave up on a client. */
    interface Failure {
        void clientFailed(String why);
    }

    private record Frame(ByteBuffer audio, String text, long enqueuedNanos) {
        int bytes() {
            return audio != null ? audio.remaining() : text.length();
        }
    }

    private final ClientSocket socket;
    private final int maxFrames;
    private final int maxBytes;
    private final Failure failure;
    private final LiveMetrics metrics;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean inFlight;
    private long inFlightSince;
    private boolean closed;
    private boolean pumping;
    /** Set by {@link #closeBehind}: the close that follows the frames queued before it. */
    private String closeReason;
    private int closeCode;
    private boolean socketClosed;

    ClientFrames(ClientSocket socket, int maxFrames, int maxBytes, Failure failure, LiveMetrics metrics) {
        this.socket = socket;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.failure = failure;
        this.metrics = metrics;
    }

    /** Queues one Opus packet; false when it was dropped because the client is behind. */
    boolean audio(byte[] packet) {
        return audio(packet, System.nanoTime());
    }

    /**
     * Queues one Opus packet made of upstream audio that arrived at {@code sinceNanos}: the relay
     * latency metric is taken from then to the packet's hand-over to the socket.
     */
    boolean audio(byte[] packet, long sinceNanos) {
        return offer(new Frame(ByteBuffer.wrap(packet), null, sinceNanos), false);
    }

    /** Queues one JSON control frame. */
    void text(String json) {
        offer(new Frame(null, json, System.nanoTime()), true);
    }

    /** Barge-in: the audio still queued is dropped at once; control frames stay. Returns how many went. */
    synchronized int dropAudio() {
        int dropped = 0;
        for (Iterator<Frame> frames = queue.iterator(); frames.hasNext();) {
            Frame frame = frames.next();
            if (frame.audio != null) {
                queuedBytes -= frame.bytes();
                frames.remove();
                dropped++;
            }
        }
        return dropped;
    }

    synchronized int queuedFrames() {
        return queue.size();
    }

    /** When the frame on the wire was handed to the socket, or 0 when none is. */
    synchronized long stalledSinceNanos() {
        return inFlight ? inFlightSince : 0;
    }

    /** Nothing more goes out; queued frames are dropped. */
    synchronized void close() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }

    /**
     * Closes the socket with {@code code} once the control frames queued so far are on the wire (an
     * error the client must read before the close), at the latest after {@code graceMs}. Queued audio
     * is dropped, and nothing offered from now on goes out.
     */
    void closeBehind(int code, String reason, ScheduledExecutorService timer, long graceMs) {
        synchronized (this) {
            if (closeReason != null || socketClosed) {
                return;
            }
            closeCode = code;
            closeReason = reason;
        }
        dropAudio();
        timer.schedule(this::closeSocketNow, graceMs, TimeUnit.MILLISECONDS);
        pump();
    }

    private void closeSocketNow() {
        synchronized (this) {
            if (socketClosed) {
                return;
            }
            socketClosed = true;
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        socket.close(closeCode, closeReason);
    }

    private boolean offer(Frame frame, boolean control) {
        boolean gaveUp = false;
        synchronized (this) {
            if (closed || closeReason != null) {
                return false;
            }
            if (queue.size() >= maxFrames || queuedBytes + frame.bytes() > maxBytes) {
                if (!control) {
                    metrics.framesDropped("client-behind");
                    return false;
                }
                gaveUp = true;
            } else {
                queue.add(frame);
                queuedBytes += frame.bytes();
            }
        }
        if (gaveUp) {
            failure.clientFailed("the client did not read its frames: " + maxFrames + " frames or " + maxBytes + " bytes queued");
            return false;
        }
        pump();
        return true;
    }

    /**
     * Puts frames on the wire one at a time. A send whose end is reported on this very thread comes
     * back through {@link #sent} while the loop runs; the loop then goes on instead of recursing.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        while (true) {
            Frame next = null;
            synchronized (this) {
                if (inFlight || closed || queue.isEmpty()) {
                    pumping = false;
                    if (inFlight || closeReason == null || socketClosed) {
                        return;
                    }
                } else {
                    next = queue.poll();
                    queuedBytes -= next.bytes();
                    inFlight = true;
                    inFlightSince = System.nanoTime();
                }
            }
            if (next == null) {
                // everything queued before closeBehind is out
                closeSocketNow();
                return;
            }
            try {
                if (next.audio != null) {
                    metrics.clientFrameLatency(System.nanoTime() - next.enqueuedNanos);
                    socket.sendBinary(next.audio, this::sent);
                } else {
                    socket.sendText(next.text, this::sent);
                }
            } catch (RuntimeException refused) {
                synchronized (this) {
                    pumping = false;
                }
                sent(refused);
                return;
            }
        }
    }

    private void sent(Throwable failed) {
        synchronized (this) {
            inFlight = false;
        }
        if (failed != null) {
            close();
            failure.clientFailed("a frame could not be sent: " + failed);
            return;
        }
        pump();
    }
}
