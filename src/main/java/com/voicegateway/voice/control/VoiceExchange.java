package com.voicegateway.voice.control;

import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.chat.control.TurnChannel;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.control.TurnLock;
import java.io.IOException;
import java.util.function.LongFunction;

/**
 * What a voice turn adds to the session turn's recording ({@link TurnChannel}): the transcript goes
 * out as soon as it is ready (before the next delta or the {@code audio} event, at the latest before
 * {@code done}); when the text is complete its spoken version is produced at once, without waiting
 * for the transcript, announced by an {@code audio} event as soon as its first audio can be fetched;
 * then the exchange is stored with both audio descriptions, the turn released, and {@code done} sent.
 *
 * <p>What is stored: a text reply that broke off, or whose client left, is stored marked incomplete;
 * a complete text whose speech failed is stored complete without audio, and the client gets an
 * {@code error} that says so (the turn did not deliver all it promised). A turn that never started
 * is not stored.
 */
final class VoiceExchange implements TurnChannel.Exchange {

    private final VoiceTurn voiceTurn;
    private final SpokenReplies replies;
    private final GatewayMetrics metrics;
    private boolean transcriptSent;
    private String transcript;

    private VoiceExchange(VoiceTurn voiceTurn, SpokenReplies replies, GatewayMetrics metrics) {
        this.voiceTurn = voiceTurn;
        this.replies = replies;
        this.metrics = metrics;
    }

    /** The voice turn's channel: the session turn's recorder with this turn's transcript and speech. */
    static TurnChannel channel(ReplyChannel client, VoiceTurn voiceTurn, SessionStore store, SpokenReplies replies,
            GatewayMetrics metrics, TurnLock turn) {
        return new TurnChannel(client, store, voiceTurn.sessionId(), voiceTurn.owner(), turn,
                new VoiceExchange(voiceTurn, replies, metrics));
    }

    @Override
    public void beforeDelta(ReplyWriter client) throws IOException {
        transcriptIfReady(client);
    }

    @Override
    public TurnChannel.Recorded complete(String replyText, ReplyWriter client) throws IOException {
        // the speech starts at once: it never waits for the transcript, which goes out when it is ready
        MessageAudio spoken = null;
        Problem speechFailed = null;
        try {
            spoken = replies.produce(voiceTurn.sessionId(), voiceTurn.utteranceId(), voiceTurn.owner(), voiceTurn.replyUrl(),
                    replyText, voiceTurn.voice(), audio -> {
                        transcriptIfReady(client);
                        client.audio(audio);
                    });
        } catch (RuntimeException failed) {
            speechFailed = ProblemMapper.map(failed).problem();
        }
        if (!transcriptSent) {
            String said = voiceTurn.awaitTranscript();
            if (said != null) {
                sendTranscript(said, client);
            }
        }
        return new TurnChannel.Recorded(voiceTurn.userText(transcript), voiceTurn.input().received(), spoken,
                speechFailed == null ? null : failure(speechFailed));
    }

    private static LongFunction<Problem> failure(Problem speechFailed) {
        return replyId -> new Problem(speechFailed.type(), speechFailed.title(), speechFailed.status(),
                "The text reply is complete and stored as message " + replyId + ", but its spoken version could not be produced: "
                        + speechFailed.detail(), speechFailed.invalidParams());
    }

    @Override
    public TurnChannel.Recorded unfinished(String replyText) {
        return new TurnChannel.Recorded(voiceTurn.userText(transcript != null ? transcript : voiceTurn.transcriptIfReady()),
                voiceTurn.input().received(), null, null);
    }

    @Override
    public void ended(String outcome) {
        metrics.voiceTurn(outcome);
    }

    private void transcriptIfReady(ReplyWriter client) throws IOException {
        if (!transcriptSent) {
            String ready = voiceTurn.transcriptIfReady();
            if (ready != null) {
                sendTranscript(ready, client);
            }
        }
    }

    private void sendTranscript(String said, ReplyWriter client) throws IOException {
        transcriptSent = true;
        transcript = said;
        if (!said.isEmpty()) {
            client.transcript(said);
        }
    }
}
