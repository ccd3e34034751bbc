package com.voicegateway.voice.control;

import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.chat.control.TurnChannel;
import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.audio.entity.MessageAudio;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A voice turn's reply as it passes through: the transcript goes out as soon as it is ready (before
 * the next delta or the {@code audio} event, at the latest before {@code done}); when the text is
 * complete its spoken version is produced at once, without waiting for the transcript, announced by
 * an {@code audio} event as soon as its first audio can be fetched; then
 * the exchange is stored with both audio descriptions, the turn released, and {@code done} sent.
 *
 * <p>What is stored: a text reply that broke off, or whose client left, is stored marked incomplete;
 * a complete text whose speech failed is stored complete without audio, and the client gets an
 * {@code error} that says so (the turn did not deliver all it promised). A turn that never started
 * is not stored.
 */
final class VoiceTurnChannel extends TurnChannel {

    private static final Logger LOG = Logger.getLogger(VoiceTurnChannel.class.getName());

    private final VoiceTurn voiceTurn;
    private final SessionStore store;
    private final SpokenReplies replies;
    private final GatewayMetrics metrics;

    VoiceTurnChannel(ReplyChannel client, VoiceTurn voiceTurn, SessionStore store, SpokenReplies replies, GatewayMetrics metrics,
            SessionStore.TurnLock turn) {
        super(client, turn);
        this.voiceTurn = voiceTurn;
        this.store = store;
        this.replies = replies;
        this.metrics = metrics;
    }

    @Override
    protected void refused() {
        metrics.voiceTurn("refused");
    }

    @Override
    protected Recorder recorder(ReplyWriter writer) {
        return new VoiceRecorder(writer);
    }

    private final class VoiceRecorder implements Recorder {
        private final ReplyWriter writer;
        private final StringBuilder text = new StringBuilder();
        private boolean transcriptSent;
        private String transcript;
        private boolean stored;

        VoiceRecorder(ReplyWriter writer) {
            this.writer = writer;
        }

        @Override
        public void delta(String delta) throws IOException {
            transcriptIfReady();
            text.append(delta);
            writer.delta(delta);
        }

        private void transcriptIfReady() throws IOException {
            if (!transcriptSent) {
                String ready = voiceTurn.transcriptIfReady();
                if (ready != null) {
                    sendTranscript(ready);
                }
            }
        }

        private void sendTranscript(String said) throws IOException {
            transcriptSent = true;
            transcript = said;
            if (!said.isEmpty()) {
                writer.transcript(said);
            }
        }

        @Override
        public void done(ReplyDone done) throws IOException {
            // the speech starts at once: it never waits for the transcript, which goes out when it is ready
            MessageAudio spoken = null;
            Problem speechFailed = null;
            try {
                spoken = replies.produce(voiceTurn.sessionId(), voiceTurn.utteranceId(), voiceTurn.owner(), voiceTurn.replyUrl(),
                        text.toString(), voiceTurn.voice(), audio -> {
                            transcriptIfReady();
                            writer.audio(audio);
                        });
            } catch (RuntimeException failed) {
                speechFailed = ProblemMapper.map(failed).problem();
            }
            if (!transcriptSent) {
                String said = voiceTurn.awaitTranscript();
                if (said != null) {
                    sendTranscript(said);
                }
            }
            long replyId;
            try {
                stored = true;
                replyId = store.append(voiceTurn.sessionId(), voiceTurn.owner(), voiceTurn.userText(transcript),
                        voiceTurn.input().received(), text.toString(), spoken, true);
            } catch (RuntimeException notStored) {
                turn.close();
                metrics.voiceTurn("not-stored");
                writer.error(ProblemMapper.map(notStored).problem());
                return;
            }
            turn.close();
            if (speechFailed != null) {
                metrics.voiceTurn("speech-failed");
                writer.error(new Problem(speechFailed.type(), speechFailed.title(), speechFailed.status(),
                        "The text reply is complete and stored as message " + replyId + ", but its spoken version could not be produced: "
                                + speechFailed.detail(), speechFailed.invalidParams()));
                return;
            }
            metrics.voiceTurn("complete");
            writer.done(new ReplyDone(Long.toString(replyId), done.model(), done.finishReason(), done.usage(), done.ttftMs(), false,
                    spoken));
        }

        @Override
        public void error(Problem problem) throws IOException {
            storeIfUnfinished();
            writer.error(problem);
        }

        @Override
        public void storeIfUnfinished() {
            if (stored) {
                return;
            }
            stored = true;
            metrics.voiceTurn("broken");
            try {
                store.append(voiceTurn.sessionId(), voiceTurn.owner(), voiceTurn.userText(transcript != null ? transcript
                        : voiceTurn.transcriptIfReady()), voiceTurn.input().received(), text.toString(), null, false);
            } catch (RuntimeException lost) {
                // nothing was acknowledged as done; an unrecorded broken turn loses nothing promised
                LOG.log(Level.FINE, "Broken voice turn of session {0} not recorded: {1}", new Object[] {voiceTurn.sessionId(), lost});
            } finally {
                turn.close();
            }
        }
    }
}
