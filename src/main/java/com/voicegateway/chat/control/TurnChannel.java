package com.voicegateway.chat.control;

import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;

import com.voicegateway.sessions.control.SessionStore;

/**
 * The reply channel of one session turn (a text message or a voice turn): it holds the session's
 * turn lock, releases it at once when the reply never started, and otherwise hands the reply a
 * {@link Recorder} around the client's writer, which stores the exchange however the reply ends.
 */
public abstract class TurnChannel implements ReplyChannel {

    /** A writer that records what passes through on its way to the client. */
    protected interface Recorder extends ReplyWriter {
        /** Stores a reply that did not end with {@code done} (broken, or its client gone) and releases the turn; once. */
        void storeIfUnfinished();
    }

    private final ReplyChannel client;
    protected final SessionStore.TurnLock turn;

    protected TurnChannel(ReplyChannel client, SessionStore.TurnLock turn) {
        this.client = client;
        this.turn = turn;
    }

    /** The recorder for one reply, around the client's {@code writer}. */
    protected abstract Recorder recorder(ReplyWriter writer);

    /** Told when the reply was refused before it started (nothing is stored then). */
    protected void refused() {
    }

    @Override
    public final void failed(RuntimeException failure) {
        turn.close();
        refused();
        client.failed(failure);
    }

    @Override
    public final void open(Body body) {
        client.open(writer -> {
            Recorder recorder = recorder(writer);
            try {
                body.writeTo(recorder);
            } finally {
                recorder.storeIfUnfinished();
            }
        });
    }
}
