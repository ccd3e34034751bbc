package com.voicegateway.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import com.voicegateway.audio.control.OpusDecoderStream;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code WS /ws/v1/sessions/{id}/voice} end to end: an independent client (the JDK's WebSocket, real
 * Opus made from a speech recording, sent at real-time pace) against the gateway in a real Liberty,
 * which talks to the Gemini Live emulator over a real socket. Directives for the emulator go in the
 * session's template, which is the Live connection's system instruction.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunAsClient
class LiveVoiceIT extends DeployedGateway {

    private static final Duration TURN = Duration.ofSeconds(15);
    private static final Pattern TURN_NUMBER = Pattern.compile("turn (\\d+)");
    /** The first 1.5 s of the recording: speech from its start. */
    private static final short[] SPEECH = VoiceClient.recording("speech1_16k.wav", 0, 1500);

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void aSpokenTurnGetsTranscriptsAnAudibleReplyAtRealTimePaceAndIsRecorded() throws Exception {
        String session = session("assistant");
        long latencies = metric("gateway_live_reply_latency_seconds_count");
        try (VoiceClient client = VoiceClient.started(session)) {
            assertFalse(client.ready.getBoolean("resumed"), client.ready.toString());
            assertEquals(24000, client.ready.getInt("sampleRate"));
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> turn = client.until("turn_complete", TURN);
            String summary = VoiceClient.summary(turn);

            List<byte[]> audio = audio(turn);
            // the emulator's reply is 2.4 s: 120 packets of 20 ms, the last one padded
            assertTrue(audio.size() >= 118 && audio.size() <= 124, audio.size() + " packets: " + summary);
            double replyRms = rms(decode(audio));
            double recordingRms = rms(VoiceClient.recording24k());
            assertTrue(replyRms > recordingRms / 4 && replyRms < recordingRms * 4,
                    "reply RMS " + replyRms + " against the recording's " + recordingRms);
            assertTrue(maxGapMs(turn) <= 300, "frame gap " + maxGapMs(turn) + " ms: " + gaps(turn) + " in " + summary);
            // paced, not burst: 2.4 s of audio takes about 2.4 s to arrive
            long spanMs = (lastAudio(turn) - firstAudio(turn)) / 1_000_000;
            assertTrue(spanMs >= 2000, "120 frames in " + spanMs + " ms: a burst, not real-time pace");

            String user = finalTranscript(turn, "user");
            String model = finalTranscript(turn, "model");
            assertTrue(user.contains("user turn 1"), summary);
            assertTrue(model.contains("turn 1"), summary);
            assertTrue(indexOf(turn, "transcript") < firstAudioIndex(turn), "the user's transcript comes before the reply: " + summary);

            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> messages(session).size() == 2), "recorded");
            JsonArray items = messages(session);
            assertEquals("user", items.getJsonObject(0).getString("role"));
            assertEquals(user, items.getJsonObject(0).getString("text"));
            assertEquals("model", items.getJsonObject(1).getString("role"));
            assertEquals(model, items.getJsonObject(1).getString("text"));
            assertTrue(items.getJsonObject(1).getBoolean("complete"));
            JsonObject replyAudio = items.getJsonObject(1).getJsonObject("audio");
            assertEquals("audio/opus", replyAudio.getString("mimeType"));
            assertTrue(replyAudio.getJsonNumber("durationMs").longValue() >= 2300, replyAudio.toString());
        }
        assertTrue(metric("gateway_live_reply_latency_seconds_count") > latencies, "this turn's reply latency was measured");
    }

    @Test
    void theClientsInterruptDropsTheQueuedReplyAtOnce() throws Exception {
        String session = session("assistant");
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            client.until("audio", TURN);
            client.during(Duration.ofMillis(200));
            client.text("{\"type\":\"interrupt\"}");
            List<VoiceClient.Received> after = client.until("interrupted", Duration.ofSeconds(2));
            assertTrue(audio(after).size() <= 3, "audio still sent after interrupt: " + VoiceClient.summary(after));
            // the reply had 2 s left: nothing of it comes now
            List<VoiceClient.Received> rest = client.during(Duration.ofMillis(1500));
            assertEquals(0, audio(rest).size(), VoiceClient.summary(rest));
            assertNoTurnComplete(rest);
            // the conversation goes on
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> next = client.until("turn_complete", TURN);
            assertTrue(audio(next).size() > 100, VoiceClient.summary(next));
        }
    }

    @Test
    void speakingOverTheReplyInterruptsIt() throws Exception {
        String session = session("assistant");
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            client.until("audio", TURN);
            client.during(Duration.ofMillis(300));
            long spoke = System.nanoTime();
            client.speak(VoiceClient.recording("speech1_16k.wav", 0, 400));
            List<VoiceClient.Received> after = client.until("interrupted", Duration.ofSeconds(3));
            long heardMs = (after.get(after.size() - 1).nanos() - spoke) / 1_000_000;
            assertTrue(heardMs < 1000, "interrupted " + heardMs + " ms after the user started speaking");
            assertNoTurnComplete(after);
        }
    }

    @Test
    void speakingOverTheRestOfAReplyWhoseTurnIsCompleteUpstreamStillInterruptsIt() throws Exception {
        // turnComplete as soon as the reply is generated: the emulator makes the 2.4 s reply at twice real time, so
        // 1.6 s into the playout its turnComplete has come, 0.8 s of the reply is still to be played, and the upstream
        // has no reply left to interrupt: only the gateway hearing the user can stop the rest
        String session = session(template("[[emulator turnCompleteAfterGenerationMs=0]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            client.until("audio", TURN);
            List<VoiceClient.Received> heard = client.during(Duration.ofMillis(1600));
            assertNoTurnComplete(heard);
            client.speak(VoiceClient.recording("speech1_16k.wav", 0, 400));
            List<VoiceClient.Received> after = client.until("interrupted", Duration.ofSeconds(3));
            assertNoTurnComplete(after);
            assertTrue(audio(heard).size() + audio(after).size() < 118, "the rest of the reply was dropped: "
                    + VoiceClient.summary(heard) + " | " + VoiceClient.summary(after));
        }
    }

    @Test
    void anUpstreamInterruptedAfterItsTurnCompleteStillDropsTheRestOfTheReply() throws Exception {
        // turnComplete right after generation (the 2.4 s reply comes at twice real time, so about a second of it is
        // still queued here), then the upstream's interrupted 200 ms later; the client says nothing over the reply,
        // so only the upstream's word can stop it
        String session = session(template("[[emulator turnCompleteAfterGenerationMs=0 interruptAfterTurnMs=200]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> turn = client.until("interrupted", TURN);
            assertNoTurnComplete(turn);
            assertTrue(audio(turn).size() > 0 && audio(turn).size() < 118, "the rest of the reply was dropped: " + VoiceClient.summary(turn));
            List<VoiceClient.Received> after = client.during(Duration.ofMillis(600));
            assertEquals(0, audio(after).size(), "no reply audio after interrupted: " + VoiceClient.summary(after));
            assertNoTurnComplete(after);
        }
    }

    @Test
    void aGoAwayIsSurvivedWithoutAGapARepeatOrAWordToTheClient() throws Exception {
        long before = metric("gateway_live_reconnects_total{cause=\"go-away\"");
        // goAway 3.5 s into each connection, during the first reply; the close would come 4 s later
        String session = session(template("[[emulator goAwayAfterMs=3500 timeLeftMs=4000]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> first = client.until("turn_complete", TURN);
            client.during(Duration.ofMillis(1500));
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> second = client.until("turn_complete", TURN);
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> third = client.until("turn_complete", TURN);

            assertTrue(metric("gateway_live_reconnects_total{cause=\"go-away\"") > before, "the connection was replaced");
            for (List<VoiceClient.Received> turn : List.of(first, second, third)) {
                assertWholeReplyWithoutABreak(turn, VoiceClient.summary(turn));
            }
            assertEquals(List.of(1, 2, 3), List.of(turnNumber(first), turnNumber(second), turnNumber(third)),
                    "each answer once, in order: " + VoiceClient.summary(second));
            assertFalse(client.closed.isDone(), "the client's socket stayed open");
        }
    }

    @Test
    void aGoAwayDeadlineMidReplySwitchesAndNeverRepeatsTheAnswer() throws Exception {
        long before = metric("gateway_live_reconnects_total{cause=\"go-away\"");
        // goAway 3.5 s in, mid-reply, and the upstream goes silent (no generationComplete, no turnComplete): the relay
        // cannot wait for a quiet point and switches at the deadline (timeLeft 1.5 s, sent as "1.500s", minus the margin);
        // the new connection answers the replayed question again, and that answer is not heard
        String session = session(template("[[emulator goAwayAfterMs=3500 timeLeftMs=1500 muteAfterGoAway]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> first = client.until("turn_complete", TURN);
            // the regenerated answer to turn 1 comes on the new connection while the user says nothing: none of it is heard
            List<VoiceClient.Received> between = client.during(Duration.ofMillis(3000));
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> second = client.until("turn_complete", Duration.ofSeconds(20));

            String all = VoiceClient.summary(first) + " | " + VoiceClient.summary(between) + " | " + VoiceClient.summary(second);
            assertTrue(metric("gateway_live_reconnects_total{cause=\"go-away\"") > before, "the connection was replaced: " + all);
            assertEquals(1, turnNumber(first), all);
            // what had come of the reply is played, once: at most one answer's 120 packets (and the padding)
            assertTrue(audio(first).size() > 0 && audio(first).size() <= 124, "turn 1 played once: " + all);
            assertTrue(maxGapMs(first) <= 300, "frame gap " + maxGapMs(first) + " ms: " + gaps(first));
            assertEquals(0, audio(between).size(), "the regenerated answer was heard: " + all);
            assertEquals(2, turnNumber(second), "the next answer heard is to turn 2, not turn 1 again: " + all);
            for (List<VoiceClient.Received> part : List.of(first, between, second)) {
                assertFalse(part.stream().anyMatch(frame -> List.of("error", "reconnecting").contains(frame.type())), all);
            }
            assertFalse(client.closed.isDone(), "the client's socket stayed open");
        }
    }

    @Test
    void theGatewaysOwnConnectionCapSwitchesAtAQuietPoint() throws Exception {
        // the IT server's cap is 5 s (GATEWAY_LIVE_MAX_CONNECTION_MS in src/it/pom.xml); the emulator sends no goAway here
        long before = metric("gateway_live_reconnects_total{cause=\"connection-cap\"");
        String marker = "cap-" + GatewayHttp.nonce().substring(1, 9);
        String session = session(template(marker));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> first = client.until("turn_complete", TURN);
            client.during(Duration.ofMillis(2500));
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> second = client.until("turn_complete", TURN);

            String all = VoiceClient.summary(first) + " | " + VoiceClient.summary(second);
            assertTrue(metric("gateway_live_reconnects_total{cause=\"connection-cap\"") > before, "the capped connection was replaced");
            assertEquals(List.of(1, 2), List.of(turnNumber(first), turnNumber(second)), all);
            for (List<VoiceClient.Received> turn : List.of(first, second)) {
                assertWholeReplyWithoutABreak(turn, all);
            }
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(3), () -> openUpstreams(marker) == 1),
                    "the replaced connection was closed: " + openUpstreams(marker) + " open");
        }
    }

    @Test
    void aClientAt48kHzIsDecodedAndAnsweredLikeOneAt16kHz() throws Exception {
        String session = session("assistant");
        try (VoiceClient client = VoiceClient.started(session, 48_000)) {
            client.sayAndPause(VoiceClient.recording("speech1_48k.wav", 0, 1500, 48_000), 1000);
            List<VoiceClient.Received> turn = client.until("turn_complete", TURN);
            String summary = VoiceClient.summary(turn);
            // the emulator hears the end of speech from the 16 kHz PCM's energy: a reply at all means it was decoded as speech
            assertTrue(finalTranscript(turn, "user").contains("user turn 1"), summary);
            assertTrue(audio(turn).size() >= 118, summary);
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> messages(session).size() == 2), "recorded");
            long userMs = messages(session).getJsonObject(0).getJsonObject("audio").getJsonNumber("durationMs").longValue();
            assertTrue(userMs >= 2400 && userMs <= 3000, "2.5 s of 48 kHz speech and silence recorded as " + userMs + " ms");
        }
    }

    @Test
    void aClientThatReconnectsResumesTheConversation() throws Exception {
        String session = session("assistant");
        String firstAnswer;
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> turn = client.until("turn_complete", TURN);
            firstAnswer = finalTranscript(turn, "model");
            client.during(Duration.ofMillis(300));
        }
        try (VoiceClient again = VoiceClient.connect(session, GatewayHttp.USER_KEY)) {
            again.text("{\"type\":\"start\",\"sampleRate\":16000}");
            JsonObject ready = again.nextText(Duration.ofSeconds(10));
            assertEquals("ready", ready.getString("type"));
            assertTrue(ready.getBoolean("resumed"), ready.toString());
            assertEquals("resumed", again.nextText(Duration.ofSeconds(2)).getString("type"));
            again.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> turn = again.until("turn_complete", TURN);
            assertEquals(2, turnNumber(turn), VoiceClient.summary(turn));
            assertNotEquals(firstAnswer, finalTranscript(turn, "model"));
        }
    }

    @Test
    void aRefusedHandleStartsAFreshConversation() throws Exception {
        String session = session(template("[[emulator refuseResume]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            client.until("turn_complete", TURN);
            client.during(Duration.ofMillis(300));
        }
        try (VoiceClient again = VoiceClient.started(session)) {
            assertFalse(again.ready.getBoolean("resumed"), again.ready.toString());
            again.sayAndPause(SPEECH, 1000);
            assertTrue(audio(again.until("turn_complete", TURN)).size() > 100);
        }
    }

    @Test
    void anUnexpectedUpstreamCloseIsBridgedWithReconnectingAndResumed() throws Exception {
        String session = session(template("[[emulator closeCode=1011 closeAfterMs=500]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            List<VoiceClient.Received> seen = client.until("resumed", Duration.ofSeconds(5));
            assertTrue(seen.stream().anyMatch(frame -> "reconnecting".equals(frame.type())), VoiceClient.summary(seen));
            assertFalse(client.closed.isDone());
        }
    }

    @Test
    void anUpstreamThatKeepsFailingEndsInAClearErrorAndClose() throws Exception {
        String session = session(template("[[emulator closeCode=1011 closeAfterMs=0]]"));
        try (VoiceClient client = VoiceClient.connect(session, GatewayHttp.USER_KEY)) {
            client.text("{\"type\":\"start\",\"sampleRate\":16000}");
            List<VoiceClient.Received> seen = client.until("error", Duration.ofSeconds(20));
            JsonObject error = seen.get(seen.size() - 1).json();
            assertEquals(503, error.getInt("status"), error.toString());
            assertTrue(error.getString("detail").contains("attempts"), error.toString());
            int code = client.awaitClose(Duration.ofSeconds(5)).code();
            assertTrue(code == 1011 || code == 1013, "closed " + code);
        }
    }

    @Test
    void aStalledTurnIsRetriedThenAnsweredWithAnError() throws Exception {
        long before = metric("gateway_live_watchdog_total{kind=\"stall\"");
        String session = session(template("[[emulator stall]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> seen = client.until("error", Duration.ofSeconds(20));
            JsonObject error = seen.get(seen.size() - 1).json();
            assertEquals("/problems/upstream-timeout", error.getString("problemType"), error.toString());
            assertTrue(metric("gateway_live_watchdog_total{kind=\"stall\"") >= before + 2, "fired, retried, fired");
            assertFalse(client.closed.isDone(), "the socket stays open for the next turn");
        }
    }

    @Test
    void aSilentReplyIsReportedAsAnError() throws Exception {
        String session = session(template("[[emulator silent]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> seen = client.until("error", TURN);
            assertEquals("/problems/upstream-silent-reply", seen.get(seen.size() - 1).json().getString("problemType"));
        }
    }

    @Test
    void anEmptyReplyIsReportedAsAnError() throws Exception {
        String session = session(template("[[emulator empty]]"));
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> seen = client.until("error", TURN);
            assertEquals("/problems/upstream-empty-reply", seen.get(seen.size() - 1).json().getString("problemType"));
        }
    }

    @Test
    void aFrameThatIsNotOpusGetsAnErrorAndClose1007() throws Exception {
        String session = session("assistant");
        try (VoiceClient client = VoiceClient.started(session)) {
            client.binary("this is not an opus packet at all".getBytes());
            JsonObject error = client.nextText(Duration.ofSeconds(5));
            assertEquals("/problems/live-audio-invalid", error.getString("problemType"), error.toString());
            assertEquals(400, error.getInt("status"));
            assertEquals(1007, client.awaitClose(Duration.ofSeconds(5)).code());
        }
    }

    @Test
    void anOversizeFrameIsClosedWith1009() throws Exception {
        String session = session("assistant");
        try (VoiceClient client = VoiceClient.started(session)) {
            client.binary(new byte[64 * 1024]);
            VoiceClient.Closed closed = client.awaitClose(Duration.ofSeconds(5));
            assertEquals(1009, closed.code());
            assertFalse(closed.reason().matches("(?s).*(com\\.voicegateway|VoiceSocket|Exception|java\\.).*"), closed.reason());
        }
    }

    @Test
    void noKeyOrAWrongKeyClosesWith1008() throws Exception {
        String session = session("assistant");
        try (VoiceClient none = VoiceClient.connect(session, null); VoiceClient wrong = VoiceClient.connect(session, "not-a-key")) {
            assertEquals(1008, none.awaitClose(Duration.ofSeconds(5)).code());
            assertEquals(1008, wrong.awaitClose(Duration.ofSeconds(5)).code());
        }
    }

    @Test
    void anotherUsersSessionLooksLikeAMissingOne() throws Exception {
        String session = session("assistant");
        try (VoiceClient foreign = VoiceClient.connect(session, "dev-user2-key")) {
            JsonObject error = foreign.nextText(Duration.ofSeconds(5));
            assertEquals(404, error.getInt("status"));
            assertEquals("/problems/session-not-found", error.getString("problemType"));
            assertEquals(1008, foreign.awaitClose(Duration.ofSeconds(5)).code());
        }
    }

    @Test
    void badControlFramesGetA400AndTheSocketStaysOpen() throws Exception {
        String session = session("assistant");
        try (VoiceClient client = VoiceClient.connect(session, GatewayHttp.USER_KEY)) {
            client.binary(new byte[] {(byte) 0x78, 1, 2});
            assertEquals(400, client.nextText(Duration.ofSeconds(5)).getInt("status"), "audio before start");
            client.text("{\"type\":\"start\",\"sampleRate\":44100}");
            JsonObject rate = client.nextText(Duration.ofSeconds(5));
            assertEquals(400, rate.getInt("status"));
            assertTrue(rate.getString("detail").contains("16000 or 48000"), rate.toString());
            client.text("not json");
            assertEquals("/problems/malformed-json", client.nextText(Duration.ofSeconds(5)).getString("problemType"));
            client.text("{\"type\":\"start\",\"sampleRate\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}");
            assertEquals("/problems/json-too-deep", client.nextText(Duration.ofSeconds(5)).getString("problemType"));
            client.text("{\"type\":\"start\",\"sampleRate\":16000}");
            assertEquals("ready", client.nextText(Duration.ofSeconds(10)).getString("type"));
        }
    }

    @Test
    void aFloodOfControlFramesIsDroppedOverTheRateAndTheSocketStaysUsable() throws Exception {
        String session = session("assistant");
        try (VoiceClient client = VoiceClient.connect(session, GatewayHttp.USER_KEY)) {
            // before start every taken control frame is a 400; 20 a second with bursts of 40 are taken
            for (int i = 0; i < 150; i++) {
                client.text("{\"type\":\"interrupt\"}");
            }
            List<JsonObject> answers = new ArrayList<>();
            try {
                while (true) {
                    answers.add(client.nextText(Duration.ofSeconds(2)));
                }
            } catch (AssertionError quiet) {
                // no more frames within 2 s
            }
            long processed = answers.stream().filter(f -> f.getInt("status") == 400).count();
            long refusals = answers.stream().filter(f -> f.getInt("status") == 429).count();
            assertTrue(processed >= 40 && processed < 100, processed + " of 150 processed");
            assertTrue(refusals >= 1 && refusals <= 5, refusals + " rate answers");
            client.text("{\"type\":\"start\",\"sampleRate\":16000}");
            assertEquals("ready", client.nextText(Duration.ofSeconds(10)).getString("type"), "the socket goes on");
        }
    }

    @Test
    void aReplyFasterThanRealTimeWaitsUpstreamAndPlaysWholeWithoutAGap() throws Exception {
        // 3 s of reply audio sent at 40 times real time: 150 frames in under 0.1 s, against the IT server's jitter
        // buffer of 1 s (gateway.live.max-buffered-ms: 50 frames), so reading the upstream is held and resumed
        // about once per 240 ms message that plays
        String session = session(template("[[emulator replyMs=3000 slow=40]]"));
        long held = metric("gateway_live_upstream_held_total");
        long dropped = metric("gateway_live_frames_dropped_total");
        try (VoiceClient client = VoiceClient.started(session)) {
            client.sayAndPause(SPEECH, 1000);
            List<VoiceClient.Received> turn = client.until("turn_complete", TURN);
            String summary = VoiceClient.summary(turn);
            assertFalse(turn.stream().anyMatch(frame -> "error".equals(frame.type())), summary);
            // nothing of the reply is lost: 3 s are 150 packets, the last one padded
            assertTrue(audio(turn).size() >= 149 && audio(turn).size() <= 152, audio(turn).size() + " packets: " + summary);
            assertTrue(maxGapMs(turn) <= 300, "frame gap " + maxGapMs(turn) + " ms: " + gaps(turn));
            long spanMs = (lastAudio(turn) - firstAudio(turn)) / 1_000_000;
            assertTrue(spanMs >= 2700, "150 frames in " + spanMs + " ms: played at real-time pace");
        }
        long holds = metric("gateway_live_upstream_held_total") - held;
        // full at 50 frames, room again at 38: one hold per 12 frames played; a relay that never stops reading holds once
        assertTrue(holds >= 5, holds + " holds of the upstream");
        assertEquals(dropped, metric("gateway_live_frames_dropped_total"), "no frame dropped");
    }

    @Test
    void aClientThatStopsReadingDoesNotSlowAnotherSession() throws Exception {
        String slowSession = session("assistant");
        String session = session("assistant");
        try (VoiceClient slow = VoiceClient.notReading(slowSession, GatewayHttp.USER_KEY)) {
            slow.text("{\"type\":\"start\",\"sampleRate\":16000}");
            try (VoiceClient client = VoiceClient.started(session)) {
                Thread speaker = new Thread(() -> {
                    try {
                        slow.sayAndPause(SPEECH, 1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                speaker.start();
                client.sayAndPause(SPEECH, 1000);
                List<VoiceClient.Received> turn = client.until("turn_complete", TURN);
                speaker.join();
                assertTrue(audio(turn).size() >= 118, VoiceClient.summary(turn));
                assertTrue(maxGapMs(turn) <= 300, "frame gap " + maxGapMs(turn) + " ms: " + gaps(turn));
            }
        }
    }

    @Test
    void aClientWhoseSocketStopsTakingFramesIsClosedWithItsUpstreamByTheWatchdog() throws Exception {
        String marker = "stalled-" + GatewayHttp.nonce().substring(1, 9);
        String session = session(template(marker + " [[emulator replyMs=120000]]"));
        long fired = metric("gateway_live_watchdog_total{kind=\"client-stalled\"");
        try (StalledVoiceClient client = new StalledVoiceClient(session, GatewayHttp.USER_KEY)) {
            client.start();
            long open = metric("gateway_live_sessions");
            client.speak(SPEECH);
            client.speak(new short[VoiceClient.RATE]);
            // the reply starts; the client stops taking frames and fills the connection (pongs it never reads); the
            // watchdog fires gateway.live.send-timeout-ms (5 s) after the frame on the wire was handed over
            client.floodPings();
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(45), () -> metric("gateway_live_watchdog_total{kind=\"client-stalled\"") > fired),
                    "the client-stalled watchdog fired");
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> openUpstreams(marker) == 0),
                    "the stalled client's upstream was closed: " + openUpstreams(marker) + " open");
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> metric("gateway_live_sessions") < open),
                    "the relay was released");
            // reading again, the client finds the connection ended by the gateway (a close frame if one still fit)
            StalledVoiceClient.End end = client.drain();
            assertTrue(end.closeCode() == -1 || end.closeCode() == 1008, "closed with " + end);
        }
    }

    @Test
    void socketsThatComeAndGoLeaveNoHttpSessionBehind() throws Exception {
        // Liberty makes an HTTP session for every WebSocket upgrade and would keep it for httpSession's
        // invalidationTimeout (30 min): memory a busy node never gets back. Liberty's own session gauges count them.
        String gatewaySessions = "session_liveSessions{appname=\"default_host_\"";
        String emulatorSessions = "session_liveSessions{appname=\"default_host_gemini_emulator\"";
        long gatewayBefore = metric(gatewaySessions);
        long emulatorBefore = metric(emulatorSessions);
        String session = session("assistant");
        for (int i = 0; i < 5; i++) {
            try (VoiceClient client = VoiceClient.started(session)) {
                assertEquals("ready", client.ready.getString("type"));
            }
        }
        // Liberty registers an application's session gauges with its first session (0 before that)
        String exposed = gateway.get("/metrics", null).body();
        assertTrue(exposed.contains(gatewaySessions) && exposed.contains(emulatorSessions), "Liberty's session gauges are exposed");
        assertTrue(metric(gatewaySessions) <= gatewayBefore, "HTTP sessions of the gateway: " + gatewayBefore + " before five voice sockets, "
                + metric(gatewaySessions) + " after");
        assertTrue(metric(emulatorSessions) <= emulatorBefore, "HTTP sessions of the emulator (their Live upstreams): " + emulatorBefore
                + " before, " + metric(emulatorSessions) + " after");
    }

    @Test
    void aSocketWithNothingSentEitherWayIsClosedAtTheIdleTimeoutWithItsUpstream() throws Exception {
        String marker = "idle-" + GatewayHttp.nonce().substring(1, 9);
        String session = session(template(marker));
        try (VoiceClient client = VoiceClient.started(session)) {
            assertEquals(1, openUpstreams(marker), "the session's upstream while the socket is new");
            // nothing more is sent: the IT server's gateway.live.idle-timeout-ms is 12 s; the bound only keeps a
            // broken timeout from hanging the suite
            VoiceClient.Closed closed = client.awaitClose(Duration.ofSeconds(60));
            assertNotEquals(1000, closed.code(), "the container closed an idle socket, the client did not: " + closed);
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> openUpstreams(marker) == 0),
                    "the idle socket's upstream was closed: " + openUpstreams(marker) + " open");
        }
    }

    @Test
    void closingTheClientClosesItsUpstreamAtOnce() throws Exception {
        String marker = "close-" + GatewayHttp.nonce().substring(1, 9);
        String session = session(template(marker));
        long open;
        try (VoiceClient client = VoiceClient.started(session)) {
            open = metric("gateway_live_sessions");
            assertTrue(open >= 1);
            assertEquals(1, openUpstreams(marker), "the session's one upstream connection");
        }
        // "at once": the emulator sees the close within seconds (it takes milliseconds), not at the idle timeout (60 s)
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> openUpstreams(marker) == 0),
                "the upstream was closed with the client: " + openUpstreams(marker) + " open");
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(5), () -> metric("gateway_live_sessions") < open),
                "the relay is released when its client goes");
    }

    // --- helpers

    private String session(String templateId) {
        HttpResponse<String> created = gateway.send(gateway.request("/api/v1/sessions")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"templateId\":\"" + templateId + "\"}")).build());
        assertEquals(201, created.statusCode(), created.body());
        return GatewayHttp.json(created.body()).getString("id");
    }

    /** A template whose text carries emulator directives: the system instruction of every Live connection. */
    private String template(String directives) {
        String id = "live-" + GatewayHttp.nonce().substring(1, 13);
        HttpResponse<String> put = gateway.send(gateway.request("/api/v1/templates/" + id)
                .header("Authorization", "Bearer " + GatewayHttp.ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"text\":\"You are a voice assistant. " + directives + "\"}")).build());
        assertTrue(put.statusCode() == 200 || put.statusCode() == 201, put.body());
        return id;
    }

    /** A whole reply (120 packets, the last padded) with no gap a user would hear and no error or reconnecting frame. */
    private static void assertWholeReplyWithoutABreak(List<VoiceClient.Received> turn, String context) {
        assertFalse(turn.stream().anyMatch(frame -> List.of("error", "reconnecting").contains(frame.type())), context);
        assertTrue(audio(turn).size() >= 118, context);
        assertTrue(maxGapMs(turn) <= 300, "frame gap " + maxGapMs(turn) + " ms: " + gaps(turn) + " in " + context);
    }

    /** The frames hold no turn_complete: the reply was cut off, not finished. */
    private static void assertNoTurnComplete(List<VoiceClient.Received> frames) {
        assertFalse(frames.stream().anyMatch(frame -> "turn_complete".equals(frame.type())), VoiceClient.summary(frames));
    }

    /** Live connections open at the emulator whose system instruction (the session's template) holds the marker. */
    private int openUpstreams(String marker) {
        return GatewayHttp.json(gateway.get("/gemini-emulator/live?contains=" + marker, null).body()).getInt("open");
    }

    private JsonArray messages(String session) {
        return GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages", GatewayHttp.USER_KEY).body()).getJsonArray("items");
    }

    private long metric(String prefix) {
        String body = gateway.get("/metrics", null).body();
        return body.lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static List<byte[]> audio(List<VoiceClient.Received> frames) {
        return frames.stream().filter(VoiceClient.Received::audio).map(VoiceClient.Received::opus).collect(Collectors.toList());
    }

    private static long maxGapMs(List<VoiceClient.Received> frames) {
        long max = 0;
        long last = 0;
        for (VoiceClient.Received frame : frames) {
            if (frame.audio()) {
                if (last != 0) {
                    max = Math.max(max, frame.nanos() - last);
                }
                last = frame.nanos();
            }
        }
        return max / 1_000_000;
    }

    /** The audio gaps over 40 ms, as "frame index: ms", for a failure message. */
    private static String gaps(List<VoiceClient.Received> frames) {
        StringBuilder gaps = new StringBuilder();
        long last = 0;
        int index = 0;
        for (VoiceClient.Received frame : frames) {
            if (frame.audio()) {
                if (last != 0 && frame.nanos() - last > 40_000_000) {
                    gaps.append(index).append(": ").append((frame.nanos() - last) / 1_000_000).append(" ms; ");
                }
                last = frame.nanos();
                index++;
            }
        }
        return gaps + "of " + index + " frames";
    }

    private static long firstAudio(List<VoiceClient.Received> frames) {
        return frames.get(firstAudioIndex(frames)).nanos();
    }

    private static int firstAudioIndex(List<VoiceClient.Received> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).audio()) {
                return i;
            }
        }
        return -1;
    }

    private static long lastAudio(List<VoiceClient.Received> frames) {
        long last = 0;
        for (VoiceClient.Received frame : frames) {
            if (frame.audio()) {
                last = frame.nanos();
            }
        }
        return last;
    }

    private static int indexOf(List<VoiceClient.Received> frames, String type) {
        for (int i = 0; i < frames.size(); i++) {
            if (type.equals(frames.get(i).type())) {
                return i;
            }
        }
        return -1;
    }

    private static String finalTranscript(List<VoiceClient.Received> frames, String role) {
        return frames.stream().filter(frame -> "transcript".equals(frame.type()) && role.equals(frame.json().getString("role"))
                && frame.json().getBoolean("final")).map(frame -> frame.json().getString("text")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no final " + role + " transcript in " + VoiceClient.summary(frames)));
    }

    private static int turnNumber(List<VoiceClient.Received> frames) {
        Matcher turn = TURN_NUMBER.matcher(finalTranscript(frames, "model"));
        if (!turn.find()) {
            throw new AssertionError("the model's words name no turn: " + VoiceClient.summary(frames));
        }
        return Integer.parseInt(turn.group(1));
    }

    private static short[] decode(List<byte[]> packets) {
        OpusDecoderStream decoder = new OpusDecoderStream(24_000, 24_000);
        List<short[]> parts = new ArrayList<>();
        int total = 0;
        for (byte[] packet : packets) {
            short[] pcm = decoder.decode(packet);
            parts.add(pcm);
            total += pcm.length;
        }
        short[] all = new short[total];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short sample : pcm) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / Math.max(1, pcm.length));
    }
}
