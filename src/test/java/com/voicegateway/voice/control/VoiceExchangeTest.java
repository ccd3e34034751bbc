package com.voicegateway.voice.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.relay.entity.Usage;
import com.voicegateway.upstream.entity.InlineAudio;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.voice.entity.SpokenInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The order of a voice turn's events and what is stored at each end, with hand-written stand-ins for
 * Redis and the speech model (the real ones are exercised end to end by VoiceTurnIT; the speech
 * model cannot be made to fail there, since the emulator's directives travel in user text).
 */
class VoiceExchangeTest {

    private static final MessageAudio UPLOAD = MessageAudio.upload("audio/wav", 6_700, 214_440, "c2hh");
    private static final MessageAudio SPOKEN = new MessageAudio("audio/ogg", 2_400L, 7_000L, null, "/r.ogg");

    /** What the store was asked to append: user text, user audio, reply text, reply audio, complete. */
    private final List<Object[]> appended = new ArrayList<>();
    private final AtomicInteger released = new AtomicInteger();
    private final List<String> events = new ArrayList<>();
    private Problem error;
    private ReplyDone done;

    private final SessionStore store = new SessionStore() {
        @Override
        public long append(String id, String owner, String userText, MessageAudio userAudio, String replyText,
                MessageAudio replyAudio, boolean complete) {
            appended.add(new Object[] {userText, userAudio, replyText, replyAudio, complete});
            return 8;
        }
    };

    private final GatewayMetrics metrics = new GatewayMetrics() {
        @Override
        public void voiceTurn(String outcome) {
            events.add("metric:" + outcome);
        }
    };

    private final ReplyWriter client = new ReplyWriter() {
        @Override
        public void delta(String text) {
            events.add("delta:" + text);
        }

        @Override
        public void done(ReplyDone replyDone) {
            events.add("done");
            done = replyDone;
        }

        @Override
        public void error(Problem problem) {
            events.add("error");
            error = problem;
        }

        @Override
        public void transcript(String text) {
            events.add("transcript:" + text);
        }

        @Override
        public void audio(MessageAudio audio) {
            events.add("audio:" + audio.durationMs());
        }
    };

    private static SpokenReplies speech(boolean fails) {
        return new SpokenReplies() {
            @Override
            public MessageAudio produce(String sessionId, String utteranceId, String owner, String url, String text, String voice,
                    Started started) throws IOException {
                if (fails) {
                    throw new UpstreamUnavailableException(503, "speech model down", null, null);
                }
                started.at(new MessageAudio("audio/ogg", null, null, null, url));
                return SPOKEN;
            }
        };
    }

    private void run(CompletableFuture<String> transcript, SpokenReplies replies, ReplyChannel.Body body) {
        VoiceTurn turn = new VoiceTurn("s_1", "alice", "u_1", "/r.ogg", null, null,
                new SpokenInput(new InlineAudio("audio/ogg", new byte[] {1}), UPLOAD), transcript, 50);
        ReplyChannel direct = new ReplyChannel() {
            @Override
            public void failed(RuntimeException failure) {
                events.add("failed");
            }

            @Override
            public void open(Body reply) {
                try {
                    reply.writeTo(client);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        VoiceExchange.channel(direct, turn, store, replies, metrics, released::incrementAndGet).open(body);
    }

    private static ReplyChannel.Body reply(String... deltas) {
        return writer -> {
            for (String delta : deltas) {
                writer.delta(delta);
            }
            writer.done(new ReplyDone("msg_x", "m", "STOP", new Usage(1, 2), 5, false));
        };
    }

    @Test
    void aTurnSendsTranscriptTextSpeechThenDoneAndStoresBothAudios() {
        run(CompletableFuture.completedFuture("what time is it"), speech(false), reply("It is", " noon."));
        assertEquals(List.of("transcript:what time is it", "delta:It is", "delta: noon.", "audio:null", "metric:complete", "done"), events);
        assertEquals(SPOKEN, done.audio());
        assertEquals("8", done.messageId());
        assertEquals(1, appended.size());
        assertEquals(List.of("what time is it", UPLOAD, "It is noon.", SPOKEN, true), List.of(appended.get(0)));
        assertEquals(1, released.get());
    }

    @Test
    void aTranscriptLateForTheTextComesBeforeDone() {
        CompletableFuture<String> transcript = new CompletableFuture<>();
        SpokenReplies speakThenTranscribe = new SpokenReplies() {
            @Override
            public MessageAudio produce(String sessionId, String utteranceId, String owner, String url, String text, String voice,
                    Started started) throws IOException {
                started.at(new MessageAudio("audio/ogg", null, null, null, url));
                transcript.complete("hello");
                return SPOKEN;
            }
        };
        run(transcript, speakThenTranscribe, reply("Hi."));
        assertEquals(List.of("delta:Hi.", "audio:null", "transcript:hello", "metric:complete", "done"), events);
        assertEquals("hello", appended.get(0)[0]);
    }

    @Test
    void failedSpeechStoresTheCompleteTextWithoutAudioAndEndsWithAnError() {
        run(CompletableFuture.failedFuture(new IllegalStateException("no transcript")), speech(true), reply("Fine."));
        assertEquals(List.of("delta:Fine.", "metric:speech-failed", "error"), events);
        assertEquals(503, error.status());
        assertTrue(error.detail().contains("stored as message 8"), error.detail());
        assertEquals(List.of("", UPLOAD, "Fine.", true), List.of(appended.get(0)[0], appended.get(0)[1], appended.get(0)[2],
                appended.get(0)[4]));
        assertNull(appended.get(0)[3]);
        assertNull(done);
        assertEquals(1, released.get());
    }

    @Test
    void aBrokenReplyIsStoredIncompleteWithoutSpeech() {
        run(CompletableFuture.completedFuture("hi"), speech(false), writer -> {
            writer.delta("Par");
            writer.error(com.voicegateway.problems.entity.Problem.of("upstream-stream-cut", "Cut", 502, "cut"));
        });
        assertFalse(events.stream().anyMatch(e -> e.startsWith("audio")));
        assertEquals("error", events.get(events.size() - 1));
        assertEquals(1, appended.size());
        assertEquals(false, appended.get(0)[4]);
        assertNull(appended.get(0)[3]);
        assertEquals(1, released.get());
    }
}
