package com.voicegateway.emulator.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.PrebuiltVoiceConfig;
import com.google.genai.types.SpeechConfig;
import com.google.genai.types.VoiceConfig;
import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Audio through the emulator over real HTTP: an Ogg/Opus prompt answered with text and logged as a
 * marker, and speech replies read by the real GenAI Java SDK, checked sample for sample against the
 * recording they are cut from.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class EmulatorAudioIT extends DeployedGateway {

    private static final String BASE = System.getProperty("gateway.url", "http://localhost:19080");
    private static final String TTS_MODEL = "gemini-2.5-flash-preview-tts";
    private static final int BYTES_PER_MS = 48;

    private final GatewayHttp gateway = new GatewayHttp();
    private final Client sdk = Client.builder()
            .apiKey("any-key")
            .vertexAI(false)
            .httpOptions(HttpOptions.builder()
                    .baseUrl(BASE + "/gemini-emulator")
                    .apiVersion("v1beta")
                    .timeout(30_000)
                    .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build())
                    .build())
            .build();

    @AfterEach
    void close() {
        sdk.close();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EmulatorAudioIT.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** The emulator's own recording (the same file as its src/emulator/main/resources/emulator/speech1_24k.wav), samples only. */
    private static byte[] sourcePcm(int bytes) throws IOException {
        byte[] wav = resource("audio/speech1_24k.wav");
        byte[] samples = Arrays.copyOfRange(wav, 44, wav.length);
        byte[] looped = new byte[bytes];
        for (int at = 0; at < bytes; at += samples.length) {
            System.arraycopy(samples, 0, looped, at, Math.min(samples.length, bytes - at));
        }
        return looped;
    }

    private static double rmsDb(byte[] pcm) {
        double sum = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            double sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            sum += sample * sample;
        }
        return 20 * Math.log10(Math.sqrt(sum / (pcm.length / 2.0)) / 32768);
    }

    private static GenerateContentConfig speech() {
        return GenerateContentConfig.builder()
                .responseModalities(List.of("AUDIO"))
                .speechConfig(SpeechConfig.builder().voiceConfig(VoiceConfig.builder()
                        .prebuiltVoiceConfig(PrebuiltVoiceConfig.builder().voiceName("Kore").build()).build()).build())
                .build();
    }

    private static Blob audioOf(GenerateContentResponse response) {
        return response.candidates().orElseThrow().get(0).content().orElseThrow().parts().orElseThrow().get(0).inlineData().orElseThrow();
    }

    private long logged(String... markers) {
        StringBuilder query = new StringBuilder("/gemini-emulator/requests?");
        for (String marker : markers) {
            query.append("contains=").append(URLEncoder.encode(marker, StandardCharsets.UTF_8)).append('&');
        }
        return GatewayHttp.json(gateway.get(query.toString(), null).body()).getJsonNumber("count").longValue();
    }

    private HttpResponse<String> post(String method, JsonObject body) {
        return gateway.send(gateway.request("/gemini-emulator/v1beta/models/" + method)
                .header("x-goog-api-key", "test-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @Test
    void anOggOpusPromptGetsATextReplyAndIsLoggedAsAMarkerNotAsItsPayload() throws Exception {
        byte[] opus = resource("audio/speech1_16k.opus");
        String nonce = GatewayHttp.nonce();
        GenerateContentResponse reply = sdk.models.generateContent("gemini-2.5-flash",
                Content.fromParts(Part.fromText("What is said? " + nonce + " [[emulator ttftMs=1 tokens=5 tokensPerSecond=1000]]"),
                        Part.fromBytes(opus, "audio/ogg")), null);

        assertFalse(reply.text().isBlank());
        GenerateContentResponseUsageMetadata usage = reply.usageMetadata().orElseThrow();
        assertEquals(8 + 215, usage.promptTokenCount().orElseThrow(),
                "8 words (the directive's four included) plus 6.7 s of audio at 32 tokens a second");
        assertEquals(5, usage.candidatesTokenCount().orElseThrow());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(opus));
        assertEquals(1, logged(nonce, "<inlineData audio/ogg 18255 bytes sha256=" + sha256 + ">"));
        String payloadStart = Base64.getEncoder().encodeToString(Arrays.copyOfRange(opus, 0, 300));
        assertEquals(0, logged(nonce, payloadStart.substring(0, 200)), "no base64 of the audio in the log");
    }

    @Test
    void aSnakeCaseWavPartWithoutTextGetsTheDefaultReply() throws Exception {
        byte[] wav = resource("audio/speech1_24k.wav");
        JsonObject body = Json.createObjectBuilder().add("contents", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("role", "user").add("parts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("inline_data", Json.createObjectBuilder().add("mime_type", "audio/wav")
                                .add("data", Base64.getEncoder().encodeToString(wav)))))))
                .build();
        HttpResponse<String> response = post("gemini-2.5-flash:countTokens", body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(215, GatewayHttp.json(response.body()).getInt("totalTokens"), "6.69988 s from the WAV header, 32 a second");
    }

    @Test
    void malformedBase64IsRefusedLikeGemini() {
        JsonObject body = Json.createObjectBuilder().add("contents", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("role", "user").add("parts", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("text", "hi " + GatewayHttp.nonce()))
                        .add(Json.createObjectBuilder().add("inlineData", Json.createObjectBuilder()
                                .add("mimeType", "audio/ogg").add("data", "%%% not base64 %%%"))))))
                .build();
        HttpResponse<String> response = post("gemini-2.5-flash:generateContent", body);
        assertEquals(400, response.statusCode());
        JsonObject error = GatewayHttp.json(response.body()).getJsonObject("error");
        assertEquals("INVALID_ARGUMENT", error.getString("status"));
        assertTrue(error.getString("message").contains("contents[0].parts[1].inline_data.data"), error.getString("message"));
    }

    @Test
    void aTtsModelAnswersWithTheRequestedLengthOfTheRecordedSpeech() throws IOException {
        GenerateContentResponse reply = sdk.models.generateContent(TTS_MODEL,
                "Say: hello there " + GatewayHttp.nonce() + " [[emulator audioMs=3000 ttftMs=1]]", speech());

        Blob audio = audioOf(reply);
        assertEquals("audio/L16;codec=pcm;rate=24000", audio.mimeType().orElseThrow());
        byte[] pcm = audio.data().orElseThrow();
        assertEquals(3000 * BYTES_PER_MS, pcm.length, "3 s of 16-bit mono PCM at 24 kHz");
        double expected = rmsDb(sourcePcm(pcm.length));
        assertTrue(rmsDb(pcm) > -40, "speech, not silence: " + rmsDb(pcm) + " dBFS");
        assertEquals(expected, rmsDb(pcm), 1.0, "the recording's own energy");
        assertEquals("STOP", reply.finishReason().toString());
        assertEquals(75, reply.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow(), "25 tokens a second");
    }

    @Test
    void theAudioModalityStreamsChunksThatLoopTheRecording() throws IOException {
        String text = "Read aloud " + GatewayHttp.nonce() + " [[emulator audioMs=9000 audioChunkMs=200 realtime=30 ttftMs=1]]";
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        int chunks = 0;
        GenerateContentResponse last = null;
        try (ResponseStream<GenerateContentResponse> stream = sdk.models.generateContentStream("gemini-2.5-flash", text, speech())) {
            for (GenerateContentResponse chunk : stream) {
                byte[] data = audioOf(chunk).data().orElseThrow();
                assertEquals(200 * BYTES_PER_MS, data.length, "200 ms per event");
                pcm.write(data);
                chunks++;
                last = chunk;
            }
        }
        assertEquals(45, chunks);
        assertEquals(9000 * BYTES_PER_MS, pcm.size(), "longer than the 6.7 s recording: looped");
        assertEquals(rmsDb(sourcePcm(pcm.size())), rmsDb(pcm.toByteArray()), 1.0);
        assertTrue(Arrays.equals(sourcePcm(pcm.size()), pcm.toByteArray()), "sample for sample the looped recording");
        assertEquals("STOP", last.finishReason().toString());
        assertEquals(225, last.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow());
    }

    @Test
    void failureDirectivesWorkForSpeech() {
        ApiException failed = assertThrows(ApiException.class, () -> sdk.models.generateContent(TTS_MODEL,
                "Say " + GatewayHttp.nonce() + " [[emulator fail=503 times=1]]", speech()));
        assertEquals(503, failed.code());

        JsonObject body = Json.createObjectBuilder().add("contents", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("role", "user").add("parts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("text", "Cut " + GatewayHttp.nonce() + " [[emulator audioMs=2000 cutAfterTokens=3 ttftMs=1 realtime=50]]")))))
                .build();
        HttpResponse<String> cut = post(TTS_MODEL + ":streamGenerateContent?alt=sse", body);
        assertEquals(200, cut.statusCode());
        List<String> events = List.of(cut.body().split("\r\n\r\n"));
        assertEquals(3, events.size(), "three audio chunks, then the stream ends");
        assertTrue(events.stream().allMatch(e -> e.contains("\"mimeType\":\"audio/L16;codec=pcm;rate=24000\"")));
        assertFalse(cut.body().contains("finishReason"));
    }
}
