package com.voicegateway.chat.control;

import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;

import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.sessions.control.SessionStore;
import java.io.IOException;

/**
 * Records a session's exchange as its reply passes through. The exchange is stored before the
 * client hears {@code done}, so a reply acknowledged as done is in Redis; a reply that broke off,
 * or whose client left, is stored marked incomplete; one that never started is not stored at all.
 * If storing fails, the client gets an {@code error} instead of {@code done}. The session's turn is
 * released as soon as the exchange is stored, before the client hears the reply ended, so the next
 * message sent on {@code done} is never refused as busy.
 */
final class RecordingChannel extends TurnChannel {

    private final SessionStore store;
    private final String sessionId;
    private final String owner;
    private final String userText;

    RecordingChannel(ReplyChannel client, SessionStore store, String sessionId, String owner, String userText,
            SessionStore.TurnLock turn) {
        super(client, turn);
        this.store = store;
        this.sessionId = sessionId;
        this.owner = owner;
        this.userText = userText;
    }

    @Override
    protected Recorder recorder(ReplyWriter writer) {
        return new TextRecorder(writer);
    }

    private final class TextRecorder implements Recorder {
        private final ReplyWriter writer;
        private final StringBuilder text = new StringBuilder();
        private boolean stored;

        TextRecorder(ReplyWriter writer) {
            this.writer = writer;
        }

        @Override
        public void delta(String delta) throws IOException {
            text.append(delta);
            writer.delta(delta);
        }

        @Override
        public void done(ReplyDone done) throws IOException {
            long replyId;
            try {
                stored = true;
                replyId = store.append(sessionId, owner, userText, text.toString(), true);
            } catch (RuntimeException notStored) {
                turn.close();
                writer.error(ProblemMapper.map(notStored).problem());
                return;
            }
            turn.close();
            writer.done(new ReplyDone(Long.toString(replyId), done.model(), done.finishReason(), done.usage(),
                    done.ttftMs(), done.cached()));
        }

        @Override
        public void error(Problem problem) throws IOException {
            storeIfUnfinished();
            writer.error(problem);
        }

        @Override
        public void storeIfUnfinished() {
            if (!stored) {
                stored = true;
                try {
                    store.append(sessionId, owner, userText, text.toString(), false);
                } catch (RuntimeException lost) {
                    // nothing was acknowledged to the client as done; an unrecorded broken reply loses nothing promised
                    java.util.logging.Logger.getLogger(RecordingChannel.class.getName())
                            .fine(() -> "Broken reply of session " + sessionId + " not recorded: " + lost);
                } finally {
                    turn.close();
                }
            }
        }
    }
}
