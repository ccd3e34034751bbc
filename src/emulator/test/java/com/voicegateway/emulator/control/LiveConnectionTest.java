package com.voicegateway.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.emulator.entity.LiveSettings;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class LiveConnectionTest {

    /** Time moved by hand: tasks run in order of their due time when the test advances the clock. */
    static final class ManualScheduler implements LiveScheduler {
        private record Task(long at, long seq, Runnable run, boolean[] cancelled) {
        }

        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                : Long.compare(a.seq, b.seq));
        private long now;
        private long seq;

        @Override
        public long nowMs() {
            return now;
        }

        @Override
        public Scheduled after(long delayMs, Runnable task) {
            boolean[] cancelled = {false};
            tasks.add(new Task(now + Math.max(0, delayMs), seq++, task, cancelled));
            return () -> cancelled[0] = true;
        }

        void advance(long ms) {
            long target = now + ms;
            while (!tasks.isEmpty() && tasks.peek().at <= target) {
                Task task = tasks.poll();
                now = task.at;
                if (!task.cancelled[0]) {
                    task.run.run();
                }
            }
            now = target;
        }
    }

    static final class Recorder implements LiveOutput {
        final List<JsonObject> sent = new ArrayList<>();
        int closeCode;
        String closeReason;

        @Override
        public boolean send(JsonObject message) {
            sent.add(message);
            return true;
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        long count(String serverContentField) {
            return sent.stream().filter(m -> m.containsKey("serverContent")
                    && m.getJsonObject("serverContent").containsKey(serverContentField)).count();
        }

        List<String> transcript(String field) {
            return sent.stream().filter(m -> m.containsKey("serverContent")
                    && m.getJsonObject("serverContent").containsKey(field))
                    .map(m -> m.getJsonObject("serverContent").getJsonObject(field).getString("text")).toList();
        }

        String lastHandle() {
            String handle = null;
            for (JsonObject m : sent) {
                if (m.containsKey("sessionResumptionUpdate") && m.getJsonObject("sessionResumptionUpdate").containsKey("newHandle")) {
                    handle = m.getJsonObject("sessionResumptionUpdate").getString("newHandle");
                }
            }
            return handle;
        }
    }

    private final ManualScheduler clock = new ManualScheduler();
    private final SpeechRecording recording = loaded();
    private final LiveHandles handles = new LiveHandles(7_200_000, 100, clock::nowMs);
    private final RequestLog log = new RequestLog();

    private static SpeechRecording loaded() {
        SpeechRecording recording = new SpeechRecording();
        recording.load();
        return recording;
    }

    private LiveConnection connect(Recorder out, LiveSettings settings) {
        return new LiveConnection(settings, clock, recording, handles, log, out);
    }

    private static String setup(String extra) {
        return "{\"setup\":{\"model\":\"models/gemini-live-2.5-flash\",\"inputAudioTranscription\":{},"
                + "\"outputAudioTranscription\":{}" + extra + "}}";
    }

    private static byte[] speech16k() throws IOException {
        try (InputStream in = LiveConnectionTest.class.getClassLoader().getResourceAsStream("audio/speech1_16k.wav")) {
            byte[] wav = in.readAllBytes();
            return Arrays.copyOfRange(wav, 44, wav.length);
        }
    }

    /** Streams the audio in 100 ms messages, as the SDK's snake_case realtime_input, moving the clock in step. */
    private void stream(LiveConnection live, byte[] pcm) {
        for (int at = 0; at < pcm.length; at += 3200) {
            byte[] piece = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3200));
            live.receive("{\"realtime_input\":{\"audio\":{\"data\":\"" + Base64.getEncoder().encodeToString(piece)
                    + "\",\"mimeType\":\"audio/pcm;rate=16000\"}}}");
            clock.advance(100);
        }
    }

    private void speakOneTurn(LiveConnection live) throws IOException {
        stream(live, speech16k());
        stream(live, new byte[32_000]); // a second of silence ends the turn
    }

    @Test
    void setupMustComeFirst() {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults());
        live.receive("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
        assertEquals(1007, out.closeCode);
        assertTrue(out.sent.isEmpty());
    }

    @Test
    void malformedJsonCloses1007() {
        Recorder out = new Recorder();
        connect(out, LiveSettings.defaults()).receive("{not json");
        assertEquals(1007, out.closeCode);
    }

    @Test
    void realSpeechIsOneTurnAnsweredWithPacedAudioThenTurnComplete() throws IOException {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults());
        live.receive(setup(""));
        assertTrue(out.sent.get(0).containsKey("setupComplete"), "setupComplete first");
        speakOneTurn(live);
        clock.advance(10_000);
        assertEquals(List.of("Hello, this is user turn 1."), out.transcript("inputTranscription"));
        List<JsonObject> audio = out.sent.stream().filter(m -> m.containsKey("serverContent")
                && m.getJsonObject("serverContent").containsKey("modelTurn")).toList();
        assertEquals(10, audio.size(), "2400 ms in 240 ms chunks");
        JsonObject part = audio.get(0).getJsonObject("serverContent").getJsonObject("modelTurn").getJsonArray("parts").getJsonObject(0);
        assertEquals("audio/pcm;rate=24000", part.getJsonObject("inlineData").getString("mimeType"));
        byte[] pcm = Base64.getDecoder().decode(part.getJsonObject("inlineData").getString("data"));
        assertEquals(11_520, pcm.length);
        assertTrue(SpeechDetector.rms(pcm, 0, pcm.length) > 300, "real speech, not silence");
        assertTrue(String.join("", out.transcript("outputTranscription")).startsWith("This answers turn 1."));
        assertEquals(1, out.count("generationComplete"));
        assertEquals(1, out.count("turnComplete"));
        assertEquals(0, out.count("interrupted"));
    }

    @Test
    void speechDuringTheReplyInterruptsIt() throws IOException {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults());
        live.receive(setup(""));
        speakOneTurn(live);
        // the reply is paced in bursts; speak again at once
        stream(live, Arrays.copyOfRange(speech16k(), 0, 32_000));
        assertEquals(1, out.count("interrupted"));
        assertEquals(0, out.count("turnComplete"));
    }

    @Test
    void disabledDetectionWaitsForActivityMarkers() throws IOException {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults());
        live.receive(setup(",\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}"));
        speakOneTurn(live);
        clock.advance(5_000);
        assertEquals(0, out.count("inputTranscription"), "energy alone ends no turn");
        live.receive("{\"realtimeInput\":{\"activityStart\":{}}}");
        stream(live, Arrays.copyOfRange(speech16k(), 0, 16_000));
        live.receive("{\"realtime_input\":{\"activity_end\":{}}}");
        clock.advance(10_000);
        assertEquals(1, out.count("turnComplete"));
    }

    @Test
    void aResumedConnectionContinuesWithTheNextTurn() throws IOException {
        Recorder first = new Recorder();
        LiveConnection live = connect(first, LiveSettings.defaults());
        live.receive(setup(",\"sessionResumption\":{}"));
        speakOneTurn(live);
        clock.advance(10_000);
        String handle = first.lastHandle();
        live.closed();

        Recorder second = new Recorder();
        LiveConnection resumed = connect(second, LiveSettings.defaults());
        resumed.receive(setup(",\"sessionResumption\":{\"handle\":\"" + handle + "\"}"));
        assertTrue(second.sent.get(0).containsKey("setupComplete"));
        speakOneTurn(resumed);
        clock.advance(10_000);
        assertEquals(List.of("Hello, this is user turn 2."), second.transcript("inputTranscription"));
        assertTrue(String.join("", second.transcript("outputTranscription")).startsWith("This answers turn 2."),
                "the answer to turn 1 is not repeated");
        assertTrue(second.sent.stream().anyMatch(m -> m.containsKey("sessionResumptionUpdate")
                && !m.getJsonObject("sessionResumptionUpdate").getBoolean("resumable")), "resumable:false while generating");
    }

    @Test
    void anUnknownOrRefusedHandleCloses1007() {
        Recorder unknown = new Recorder();
        connect(unknown, LiveSettings.defaults()).receive(setup(",\"sessionResumption\":{\"handle\":\"nope\"}"));
        assertEquals(1007, unknown.closeCode);

        Recorder first = new Recorder();
        connect(first, LiveSettings.defaults()).receive(setup(",\"sessionResumption\":{},"
                + "\"systemInstruction\":{\"parts\":[{\"text\":\"[[emulator refuseResume]]\"}]}"));
        Recorder refused = new Recorder();
        connect(refused, LiveSettings.defaults()).receive(setup(",\"sessionResumption\":{\"handle\":\"" + first.lastHandle() + "\"}"));
        assertEquals(1007, refused.closeCode);
        assertEquals(LiveConnection.RESUME_REFUSED, refused.closeReason);
    }

    @Test
    void goAwayBeforeTheCapThenClose1011() {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults().withConnectionCapMs(10_000));
        live.receive(setup(""));
        clock.advance(7_999);
        assertFalse(out.sent.stream().anyMatch(m -> m.containsKey("goAway")));
        clock.advance(1);
        assertEquals("2s", out.sent.get(out.sent.size() - 1).getJsonObject("goAway").getString("timeLeft"));
        assertEquals(0, out.closeCode);
        clock.advance(2_000);
        assertEquals(1011, out.closeCode);
    }

    @Test
    void goAwayAfterMsDirective() {
        Recorder out = new Recorder();
        connect(out, LiveSettings.defaults()).receive(setup(
                ",\"systemInstruction\":{\"parts\":[{\"text\":\"[[emulator goAwayAfterMs=3000 timeLeftMs=1500]]\"}]}"));
        clock.advance(3_000);
        assertEquals("1.500s", out.sent.get(out.sent.size() - 1).getJsonObject("goAway").getString("timeLeft"));
        clock.advance(1_500);
        assertEquals(1011, out.closeCode);
    }

    @Test
    void textTurnWithSilentAndStallDirectives() {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults());
        live.receive(setup(""));
        live.receive("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi [[emulator silent stallMs=1000 replyMs=480]]\"}]}],\"turnComplete\":true}}");
        clock.advance(1_100);
        assertEquals(0, out.count("modelTurn"), "stalled");
        clock.advance(5_000);
        List<JsonObject> audio = out.sent.stream().filter(m -> m.containsKey("serverContent")
                && m.getJsonObject("serverContent").containsKey("modelTurn")).toList();
        assertEquals(2, audio.size());
        byte[] pcm = Base64.getDecoder().decode(audio.get(0).getJsonObject("serverContent").getJsonObject("modelTurn")
                .getJsonArray("parts").getJsonObject(0).getJsonObject("inlineData").getString("data"));
        assertEquals(0, SpeechDetector.rms(pcm, 0, pcm.length));
        assertEquals(1, out.count("turnComplete"));
    }

    @Test
    void closeCodeDirective() {
        Recorder out = new Recorder();
        connect(out, LiveSettings.defaults()).receive(setup(
                ",\"systemInstruction\":\"[[emulator closeCode=1007 closeAfterMs=500]]\""));
        clock.advance(499);
        assertEquals(0, out.closeCode);
        clock.advance(1);
        assertEquals(1007, out.closeCode);
    }

    @Test
    void interruptAfterTurnMsSendsInterruptedThatLongAfterTurnComplete() {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults());
        live.receive(setup(",\"systemInstruction\":\"[[emulator interruptAfterTurnMs=300 replyMs=480]]\""));
        live.receive("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}");
        while (out.count("turnComplete") == 0) {
            clock.advance(10);
        }
        int turnCompleteAt = out.sent.size();
        assertEquals(0, out.count("interrupted"), "nothing interrupted before the turn completed");
        clock.advance(290);
        assertEquals(0, out.count("interrupted"), "not before 300 ms");
        clock.advance(10);
        assertEquals(1, out.count("interrupted"));
        assertTrue(out.sent.subList(turnCompleteAt, out.sent.size()).stream().anyMatch(m -> m.containsKey("serverContent")
                && m.getJsonObject("serverContent").containsKey("interrupted")), "interrupted comes after turnComplete");
    }

    @Test
    void turnCompleteAfterGenerationMsDoesNotWaitForPlayback() {
        Recorder out = new Recorder();
        LiveConnection live = connect(out, LiveSettings.defaults());
        live.receive(setup(",\"systemInstruction\":\"[[emulator turnCompleteAfterGenerationMs=50 replyMs=4800]]\""));
        live.receive("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}");
        while (out.count("generationComplete") == 0) {
            clock.advance(10);
        }
        long generatedAt = clock.nowMs();
        while (out.count("turnComplete") == 0) {
            clock.advance(10);
        }
        assertEquals(50, clock.nowMs() - generatedAt, "turnComplete 50 ms after generationComplete");
        assertTrue(generatedAt + 50 < 4800, "before the 4.8 s of audio could have played: at " + (generatedAt + 50) + " ms");
    }
}
