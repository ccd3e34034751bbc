package com.voicegateway.relay.control;

import java.io.IOException;

/**
 * The client side of one relayed reply. Exactly one of {@link #failed} (nothing was sent: the
 * client gets a plain error status) or {@link #open} (the first chunk is in hand) is called.
 */
public interface ReplyChannel {

    /** What the body writes, run by the channel once it has a writer. */
    @FunctionalInterface
    interface Body {
        void writeTo(ReplyWriter writer) throws IOException;
    }

    void failed(RuntimeException failure);

    /**
     * Told before {@link #open}: the upstream call began at {@code startedNanos} and its first chunk
     * was in hand at {@code firstChunkNanos} ({@link System#nanoTime()}); what the gateway added to
     * the reply is the rest. A channel that reports no timing ignores it.
     */
    default void upstream(long startedNanos, long firstChunkNanos) {
    }

    void open(Body body);
}
