package com.voicegateway.voice.boundary;

import static com.voicegateway.GatewayHttp.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import com.voicegateway.audio.control.OggOpusDecoder;
import com.voicegateway.audio.control.WavReader;
import com.voicegateway.audio.entity.Pcm;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Voice turns end to end on a real server: a real recording goes up (WAV, compressed by the filter,
 * or Ogg/Opus as it is), reaches the emulator as Ogg/Opus inline data through the real SDK, the
 * reply streams back with a transcript, its spoken version (the emulator's recorded 24 kHz speech,
 * through the SDK's speech generation) is served as Ogg/Opus while it is produced, and the session
 * history records both sides with their audio metadata. The spool folder is empty after each test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@RunAsClient
class VoiceTurnIT extends DeployedGateway {

    private static final String QUICK = "[[emulator ttftMs=5 tokens=6 tokensPerSecond=200]]";

    private final GatewayHttp gateway = new GatewayHttp();

    static byte[] resource(String name) {
        try (InputStream in = VoiceTurnIT.class.getResourceAsStream("/audio/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String newSession(String key) {
        HttpResponse<String> created = gateway.send(gateway.request("/api/v1/sessions").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"templateId\": \"assistant\"}"))
                .build());
        assertEquals(201, created.statusCode(), created.body());
        return GatewayHttp.json(created.body()).getString("id");
    }

    private HttpRequest utterance(String session, String key, byte[] audio, String contentType, String text, String accept) {
        String query = text == null ? "" : "?text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return gateway.request("/api/v1/sessions/" + session + "/utterances" + query)
                .header("Authorization", "Bearer " + key).header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio)).build();
    }

    private HttpResponse<byte[]> getBytes(String path, String key, String accept) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(gateway.request(path).header("Authorization", "Bearer " + key)
                    .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** The emulator speaks its recording from the start, looped: decoded speech must carry the recording's energy. */
    private static void assertSpeechOf(Pcm decoded, long durationMs) {
        Pcm recording = WavReader.readAll(new ByteArrayInputStream(resource("speech1_24k.wav")));
        assertEquals(24_000, decoded.sampleRate());
        assertEquals(durationMs * 24, decoded.samples().length, 24 * 2, "decoded length matches the announced duration");
        int n = Math.min(decoded.samples().length, recording.samples().length);
        double ratioDb = 20 * Math.log10(rms(decoded.samples(), 0, n) / rms(recording.samples(), 0, n));
        assertTrue(Math.abs(ratioDb) < 3, "decoded speech energy within 3 dB of the recording, was " + ratioDb + " dB");
    }

    @AfterEach
    void spoolIsEmpty() {
        assertTrue(GatewayHttp.audioSpoolEmpties(), "temporary files left in " + GatewayHttp.AUDIO_SPOOL);
    }

    @Test
    void aSpokenTurnStreamsTranscriptTextAndSpeechAndIsRecordedWithItsAudio() throws Exception {
        String session = newSession(GatewayHttp.USER_KEY);
        byte[] wav = resource("speech1_16k.wav");
        String marker = GatewayHttp.nonce();
        List<GatewayHttp.Event> events;
        try (GatewayHttp.Streamed reply = gateway.stream(utterance(session, GatewayHttp.USER_KEY, wav, "audio/wav",
                marker + " " + QUICK, "text/event-stream"))) {
            assertEquals(200, reply.status());
            events = reply.restSse();
        }
        List<String> names = events.stream().map(GatewayHttp.Event::name).toList();
        assertEquals("done", names.get(names.size() - 1), names.toString());
        assertEquals(1, names.stream().filter("transcript"::equals).count(), names.toString());
        assertEquals(1, names.stream().filter("audio"::equals).count(), names.toString());
        assertTrue(names.indexOf("audio") > names.lastIndexOf("delta"), "the speech follows the complete text: " + names);
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("delta")).forEach(e -> text.append(e.data().getString("text")));
        assertFalse(text.toString().isBlank());
        String transcript = events.get(names.indexOf("transcript")).data().getString("text");
        assertFalse(transcript.isBlank());

        JsonObject announced = events.get(names.indexOf("audio")).data();
        String url = announced.getString("url");
        assertTrue(url.startsWith("/api/v1/sessions/" + session + "/utterances/u_") && url.endsWith("/reply.ogg"), url);
        assertEquals("audio/ogg", announced.getString("mimeType"));
        assertTrue(announced.isNull("durationMs"), "the duration is not known while the speech is produced");
        JsonObject done = events.get(names.size() - 1).data();
        JsonObject audio = done.getJsonObject("audio");
        assertEquals(url, audio.getString("url"));
        long durationMs = audio.getJsonNumber("durationMs").longValue();
        assertTrue(durationMs >= 1000, "the emulator speaks at least a second: " + durationMs);

        HttpResponse<byte[]> ogg = getBytes(url, GatewayHttp.USER_KEY, "audio/ogg");
        assertEquals(200, ogg.statusCode());
        assertEquals("audio/ogg", ogg.headers().firstValue("Content-Type").orElse(""));
        assertEquals(audio.getJsonNumber("bytes").longValue(), ogg.body().length);
        assertSpeechOf(OggOpusDecoder.decodeAll(new ByteArrayInputStream(ogg.body()), 24_000), durationMs);

        // upstream: the reply model got the audio as Ogg/Opus inline data, a transcript and speech were asked for
        assertEquals(1, gateway.emulatorRequests(marker + "&contains=inlineData%20audio/ogg", "gemini-2.5-flash")[0]);
        assertTrue(gateway.emulatorRequests("Transcribe", null)[0] >= 1);

        JsonArray items = GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages", GatewayHttp.USER_KEY).body())
                .getJsonArray("items");
        assertEquals(2, items.size());
        JsonObject user = items.getJsonObject(0);
        assertEquals("user", user.getString("role"));
        assertTrue(user.getString("text").startsWith(transcript), "the transcript is the user's text: " + user.getString("text"));
        JsonObject upload = user.getJsonObject("audio");
        assertEquals("audio/wav", upload.getString("mimeType"));
        assertEquals(wav.length, upload.getJsonNumber("bytes").longValue());
        assertEquals(sha256(wav), upload.getString("sha256"));
        assertEquals(6700, upload.getJsonNumber("durationMs").longValue(), 1);
        JsonObject model = items.getJsonObject(1);
        assertEquals(text.toString(), model.getString("text"));
        assertTrue(model.getBoolean("complete"));
        assertEquals(url, model.getJsonObject("audio").getString("url"));
        assertEquals(durationMs, model.getJsonObject("audio").getJsonNumber("durationMs").longValue());
        assertEquals(done.getString("messageId"), Long.toString(model.getJsonNumber("id").longValue()));
    }

    @Test
    void theSpokenReplyCanBeFetchedWhileItIsStillProduced() throws Exception {
        String session = newSession(GatewayHttp.USER_KEY);
        // 40 words of reply are 16 s of speech, produced at 10x real time by the emulator: about 1.6 s
        List<GatewayHttp.Event> events = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> audioUrl = new CompletableFuture<>();
        try (GatewayHttp.Streamed reply = gateway.stream(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.opus"),
                "audio/ogg", "[[emulator ttftMs=5 tokens=40 tokensPerSecond=400]]", "text/event-stream"))) {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                for (GatewayHttp.Event event = reply.nextSse(); event != null; event = reply.nextSse()) {
                    events.add(event);
                    if (event.name().equals("audio")) {
                        audioUrl.complete(event.data().getString("url"));
                    }
                }
            });
            String url = audioUrl.get(30, TimeUnit.SECONDS);
            HttpResponse<InputStream> download = java.net.http.HttpClient.newHttpClient().send(gateway.request(url)
                    .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] first;
            try (InputStream body = download.body()) {
                first = body.readNBytes(1024);
                boolean doneYet = events.stream().anyMatch(e -> e.name().equals("done"));
                assertFalse(doneYet, "the first kilobyte of speech arrived before the turn was done");
                byte[] rest = body.readAllBytes();
                reader.get(30, TimeUnit.SECONDS);
                JsonObject done = events.get(events.size() - 1).data();
                assertEquals("done", events.get(events.size() - 1).name());
                assertEquals(done.getJsonObject("audio").getJsonNumber("bytes").longValue(), first.length + rest.length,
                        "the streamed download is the whole reply");
                byte[] whole = new byte[first.length + rest.length];
                System.arraycopy(first, 0, whole, 0, first.length);
                System.arraycopy(rest, 0, whole, first.length, rest.length);
                assertSpeechOf(OggOpusDecoder.decodeAll(new ByteArrayInputStream(whole), 24_000),
                        done.getJsonObject("audio").getJsonNumber("durationMs").longValue());
            }
        }
        JsonObject user = GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages", GatewayHttp.USER_KEY).body())
                .getJsonArray("items").getJsonObject(0);
        assertEquals("audio/ogg", user.getJsonObject("audio").getString("mimeType"), "an Ogg/Opus upload is kept as it is");
        assertEquals(resource("speech1_16k.opus").length, user.getJsonObject("audio").getJsonNumber("bytes").longValue());
    }

    @Test
    void aClientThatTakesOnlyWavGetsTheSpokenReplyAsWav() {
        String session = newSession(GatewayHttp.USER_KEY);
        JsonObject reply = GatewayHttp.json(gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("speech2_16k.wav"), "audio/wav",
                QUICK, "application/json")).body());
        assertNotNull(reply.getString("transcript"));
        JsonObject audio = reply.getJsonObject("audio");
        HttpResponse<byte[]> wav = getBytes(audio.getString("url"), GatewayHttp.USER_KEY, "audio/wav");
        assertEquals(200, wav.statusCode());
        assertEquals("audio/wav", wav.headers().firstValue("Content-Type").orElse(""));
        assertEquals(wav.body().length, Long.parseLong(wav.headers().firstValue("Content-Length").orElse("-1")));
        assertSpeechOf(WavReader.readAll(new ByteArrayInputStream(wav.body())), audio.getJsonNumber("durationMs").longValue());

        HttpResponse<byte[]> neither = getBytes(audio.getString("url"), GatewayHttp.USER_KEY, "audio/mpeg");
        assertEquals(406, neither.statusCode());
    }

    @Test
    void aTurnThatBreaksOffIsStoredIncompleteWithoutSpeech() {
        String session = newSession(GatewayHttp.USER_KEY);
        List<GatewayHttp.Event> events;
        try (GatewayHttp.Streamed reply = gateway.stream(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.wav"), "audio/wav",
                "[[emulator ttftMs=5 tokens=10 tokensPerSecond=200 cutAfterTokens=3]]", "text/event-stream"))) {
            events = reply.restSse();
        }
        List<String> names = events.stream().map(GatewayHttp.Event::name).toList();
        assertEquals("error", names.get(names.size() - 1), names.toString());
        assertFalse(names.contains("audio"), "no speech for a broken reply: " + names);
        JsonArray items = GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages", GatewayHttp.USER_KEY).body())
                .getJsonArray("items");
        assertEquals(2, items.size());
        assertEquals("audio/wav", items.getJsonObject(0).getJsonObject("audio").getString("mimeType"));
        assertFalse(items.getJsonObject(1).getBoolean("complete"));
        assertTrue(items.getJsonObject(1).isNull("audio"));
        // the turn was released: the next one is accepted
        HttpResponse<String> next = gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.opus"), "audio/ogg",
                QUICK, "application/json"));
        assertEquals(200, next.statusCode(), next.body());
    }

    @Test
    void refusalsAreClearAndLeaveNothingBehind() {
        String session = newSession(GatewayHttp.USER_KEY);
        HttpResponse<String> text = gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("not_audio_text.wav"), "audio/wav",
                null, "text/event-stream"));
        assertEquals(415, text.statusCode());
        assertEquals("/problems/audio-not-audio", GatewayHttp.json(text.body()).getString("type"));
        HttpResponse<String> truncated = gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("truncated_16k.wav"), "audio/wav",
                null, "text/event-stream"));
        assertEquals(400, truncated.statusCode());
        assertEquals("/problems/audio-truncated", GatewayHttp.json(truncated.body()).getString("type"));
        HttpResponse<String> wrongDigest = gateway.send(gateway.request("/api/v1/sessions/" + session + "/utterances")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "audio/wav")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(new byte[32]) + ":")
                .POST(HttpRequest.BodyPublishers.ofByteArray(resource("speech1_16k.wav"))).build());
        assertEquals(400, wrongDigest.statusCode());
        assertEquals("/problems/digest-mismatch", GatewayHttp.json(wrongDigest.body()).getString("type"));
        assertEquals(0, GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages", GatewayHttp.USER_KEY).body())
                .getJsonArray("items").size(), "a refused turn records nothing");

        HttpResponse<String> foreign = gateway.send(utterance(session, "dev-user2-key", resource("speech1_16k.opus"), "audio/ogg", null,
                "text/event-stream"));
        assertEquals(404, foreign.statusCode());
        HttpResponse<String> anonymous = gateway.send(gateway.request("/api/v1/sessions/" + session + "/utterances")
                .header("Content-Type", "audio/ogg").POST(HttpRequest.BodyPublishers.ofByteArray(resource("speech1_16k.opus"))).build());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> longText = gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.opus"), "audio/ogg",
                "x".repeat(4001), "text/event-stream"));
        assertEquals(400, longText.statusCode());
    }

    @Test
    void aSpokenReplyIsOnlyItsOwners() {
        String session = newSession(GatewayHttp.USER_KEY);
        JsonObject reply = GatewayHttp.json(gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.opus"), "audio/ogg",
                QUICK, "application/json")).body());
        String url = reply.getJsonObject("audio").getString("url");
        assertEquals(200, getBytes(url, GatewayHttp.USER_KEY, "audio/ogg").statusCode());
        HttpResponse<byte[]> foreign = getBytes(url, "dev-user2-key", "audio/ogg");
        assertEquals(404, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(404, getBytes(url.replaceAll("u_[0-9A-Za-z]+", "u_0000000000000000000000"), GatewayHttp.USER_KEY, "audio/ogg")
                .statusCode());
        assertEquals(404, getBytes(url.replaceAll("u_[0-9A-Za-z]+", "nonsense"), GatewayHttp.USER_KEY, "audio/ogg").statusCode());
    }

    @Test
    void aSecondTurnWhileTheFirstIsAnsweredIsRefusedAsBusy() throws Exception {
        String session = newSession(GatewayHttp.USER_KEY);
        try (GatewayHttp.Streamed first = gateway.stream(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.opus"), "audio/ogg",
                "[[emulator ttftMs=5 tokens=20 tokensPerSecond=10]]", "text/event-stream"))) {
            assertEquals("delta", first.nextSse().name());
            HttpResponse<String> second = gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.opus"), "audio/ogg",
                    QUICK, "text/event-stream"));
            assertEquals(409, second.statusCode());
            assertEquals("application/problem+json", second.headers().firstValue("Content-Type").orElse(""));
        }
        // the first client left mid-reply: its turn is released and stored incomplete
        assertTrue(eventually(Duration.ofSeconds(10), () -> GatewayHttp.json(gateway.get("/api/v1/sessions/" + session + "/messages",
                GatewayHttp.USER_KEY).body()).getJsonArray("items").size() == 2));
        HttpResponse<String> third = gateway.send(utterance(session, GatewayHttp.USER_KEY, resource("speech1_16k.opus"), "audio/ogg",
                QUICK, "application/json"));
        assertEquals(200, third.statusCode(), third.body());
    }

    @Test
    void compressAnswersWavToAClientThatTakesOnlyWav() {
        byte[] wav = resource("speech1_16k.wav");
        HttpResponse<byte[]> response;
        try {
            response = java.net.http.HttpClient.newHttpClient().send(gateway.request("/api/v1/audio/compress")
                    .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "audio/wav")
                    .header("Accept", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(200, response.statusCode());
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElse(""));
        Pcm source = WavReader.readAll(new ByteArrayInputStream(wav));
        Pcm back = WavReader.readAll(new ByteArrayInputStream(response.body()));
        assertEquals(16_000, back.sampleRate());
        assertEquals(source.samples().length, back.samples().length);
        double ratioDb = 20 * Math.log10(rms(back.samples(), 0, back.samples().length) / rms(source.samples(), 0, source.samples().length));
        assertTrue(Math.abs(ratioDb) < 1.5, "energy kept through Opus: " + ratioDb + " dB");
        assertNull(response.headers().firstValue("Content-Encoding").orElse(null));
    }
}
