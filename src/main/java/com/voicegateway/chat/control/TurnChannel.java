package com.voicegateway.chat.control;

import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.control.TurnLock;
import java.io.IOException;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reply channel of one session turn, a text message or a voice turn, and the one recorder of
 * both. It holds the session's turn lock and releases it at once when the reply never started;
 * otherwise it records the reply as it passes through to the client's writer and stores the
 * exchange however the reply ends:
 * <ul>
 * <li>The exchange is stored before the client hears {@code done}, so a reply acknowledged as done
 * is in Redis; if storing fails, the client gets an {@code error} instead of {@code done}.</li>
 * <li>A reply that broke off, or whose client left, is stored marked incomplete; one that never
 * started is not stored at all.</li>
 * <li>The turn is released as soon as the exchange is stored, before the client hears the reply
 * ended, so the next message sent on {@code done} is never refused as busy.</li>
 * </ul>
 * What differs between text and voice (the transcript, the spoken reply) is the turn's {@link Exchange}.
 */
public final class TurnChannel implements ReplyChannel {

    private static final Logger LOG = Logger.getLogger(TurnChannel.class.getName());

    /** What one kind of turn adds to the recording. */
    public interface Exchange {

        /** Before each delta goes to the client (a voice turn sends its transcript once it is ready). */
        default void beforeDelta(ReplyWriter client) throws IOException {
        }

        /** The reply text is complete: finish what belongs with it (a voice turn's speech) and say what to store. */
        Recorded complete(String replyText, ReplyWriter client) throws IOException;

        /** What to store of a reply that broke off or whose client left. */
        Recorded unfinished(String replyText);

        /** How the turn ended: {@code refused}, {@code complete}, {@code broken}, {@code not-stored} or {@code speech-failed}. */
        default void ended(String outcome) {
        }
    }

    /**
     * One exchange as stored. {@code failure}, when set, is what the client hears instead of
     * {@code done} once the exchange is stored (given the stored reply's id).
     */
    public record Recorded(String userText, MessageAudio userAudio, MessageAudio replyAudio, LongFunction<Problem> failure) {

        /** A text exchange: the user's words, no audio. */
        public static Recorded text(String userText) {
            return new Recorded(userText, null, null, null);
        }
    }

    private final ReplyChannel client;
    private final SessionStore store;
    private final String sessionId;
    private final String owner;
    private final TurnLock turn;
    private final Exchange exchange;

    public TurnChannel(ReplyChannel client, SessionStore store, String sessionId, String owner, TurnLock turn,
            Exchange exchange) {
        this.client = client;
        this.store = store;
        this.sessionId = sessionId;
        this.owner = owner;
        this.turn = turn;
        this.exchange = exchange;
    }

    /** A text message's turn: the user's text and the reply, nothing else. */
    static TurnChannel text(ReplyChannel client, SessionStore store, String sessionId, String owner, String userText,
            TurnLock turn) {
        Recorded recorded = Recorded.text(userText);
        return new TurnChannel(client, store, sessionId, owner, turn, new Exchange() {
            @Override
            public Recorded complete(String replyText, ReplyWriter writer) {
                return recorded;
            }

            @Override
            public Recorded unfinished(String replyText) {
                return recorded;
            }
        });
    }

    @Override
    public void failed(RuntimeException failure) {
        turn.close();
        exchange.ended("refused");
        client.failed(failure);
    }

    @Override
    public void open(Body body) {
        client.open(writer -> {
            Recorder recorder = new Recorder(writer);
            try {
                body.writeTo(recorder);
            } finally {
                recorder.storeIfUnfinished();
            }
        });
    }

    /** Records what passes through on its way to the client. */
    private final class Recorder implements ReplyWriter {
        private final ReplyWriter writer;
        private final StringBuilder text = new StringBuilder();
        private boolean stored;

        Recorder(ReplyWriter writer) {
            this.writer = writer;
        }

        @Override
        public void delta(String delta) throws IOException {
            exchange.beforeDelta(writer);
            text.append(delta);
            writer.delta(delta);
        }

        @Override
        public void done(ReplyDone done) throws IOException {
            Recorded recorded = exchange.complete(text.toString(), writer);
            long replyId;
            try {
                stored = true;
                replyId = store.append(sessionId, owner, recorded.userText(), recorded.userAudio(), text.toString(),
                        recorded.replyAudio(), true);
            } catch (RuntimeException notStored) {
                turn.close();
                exchange.ended("not-stored");
                writer.error(ProblemMapper.map(notStored).problem());
                return;
            }
            turn.close();
            if (recorded.failure() != null) {
                exchange.ended("speech-failed");
                writer.error(recorded.failure().apply(replyId));
                return;
            }
            exchange.ended("complete");
            writer.done(new ReplyDone(Long.toString(replyId), done.model(), done.finishReason(), done.usage(), done.ttftMs(),
                    done.cached(), recorded.replyAudio()));
        }

        @Override
        public void error(Problem problem) throws IOException {
            storeIfUnfinished();
            writer.error(problem);
        }

        /** Stores a reply that did not end with {@code done} (broken, or its client gone) and releases the turn; once. */
        void storeIfUnfinished() {
            if (stored) {
                return;
            }
            stored = true;
            exchange.ended("broken");
            try {
                Recorded recorded = exchange.unfinished(text.toString());
                store.append(sessionId, owner, recorded.userText(), recorded.userAudio(), text.toString(), null, false);
            } catch (RuntimeException lost) {
                // nothing was acknowledged to the client as done; an unrecorded broken reply loses nothing promised
                LOG.log(Level.FINE, "Broken reply of session {0} not recorded: {1}", new Object[] {sessionId, lost});
            } finally {
                turn.close();
            }
        }
    }
}
