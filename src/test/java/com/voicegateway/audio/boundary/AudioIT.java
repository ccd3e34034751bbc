package com.voicegateway.audio.boundary;

import static com.voicegateway.GatewayHttp.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import com.voicegateway.audio.control.OggOpusDecoder;
import com.voicegateway.audio.control.WavReader;
import com.voicegateway.audio.entity.Pcm;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code POST /api/v1/audio/compress} and the compression filter on a real server: Opus
 * compression of real speech, every malformed file of the corpus with its documented 4xx, the
 * size limit (from Content-Length and while reading), the digest check, Accept negotiation,
 * gzip of large JSON, and the spool folder empty after every request, refused ones included.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@RunAsClient
class AudioIT extends DeployedGateway {

    private final GatewayHttp gateway = new GatewayHttp();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static byte[] resource(String name) {
        try (InputStream in = AudioIT.class.getResourceAsStream("/audio/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder compress(String accept) {
        return gateway.request("/api/v1/audio/compress").header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                .header("Accept", accept);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> post(byte[] body, String contentType, String accept) {
        return send(compress(accept).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static JsonObject problem(HttpResponse<byte[]> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        return GatewayHttp.json(new String(response.body(), StandardCharsets.UTF_8));
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    @AfterEach
    void spoolIsEmpty() {
        assertTrue(GatewayHttp.audioSpoolEmpties(), "temporary files left in " + GatewayHttp.AUDIO_SPOOL);
    }

    @Test
    void aWavComesBackAsOggOpusOfTheSameSpeech() {
        byte[] wav = resource("speech1_16k.wav");
        HttpResponse<byte[]> response = post(wav, "audio/wav", "audio/ogg");
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("audio/ogg", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(wav.length, Long.parseLong(response.headers().firstValue("X-Audio-Original-Bytes").orElseThrow()));
        assertEquals(response.body().length, Long.parseLong(response.headers().firstValue("X-Audio-Compressed-Bytes").orElseThrow()));
        assertTrue(response.body().length * 8 < wav.length, "24 kbps Opus is at least 8x smaller than 256 kbps PCM: "
                + response.body().length + " of " + wav.length);
        long durationMs = Long.parseLong(response.headers().firstValue("X-Audio-Duration-Ms").orElseThrow());
        assertTrue(Math.abs(durationMs - 6700) < 20, durationMs + " ms");
        Pcm source = WavReader.readAll(new ByteArrayInputStream(wav));
        Pcm decoded = OggOpusDecoder.decodeAll(new ByteArrayInputStream(response.body()), 16000);
        assertTrue(Math.abs(decoded.samples().length - source.samples().length) <= 16, decoded.samples().length + " samples");
        double db = 20 * Math.log10(rms(decoded.samples()) / rms(source.samples()));
        assertTrue(Math.abs(db) < 1.5, "decoded energy within 1.5 dB of the source: " + db + " dB");
    }

    @Test
    void theTypeIsTakenFromTheBytesNotTheHeader() {
        HttpResponse<byte[]> response = post(resource("speech1_16k.wav"), "application/octet-stream", "audio/ogg");
        assertEquals(200, response.statusCode());
        HttpResponse<byte[]> text = post(resource("not_audio_text.wav"), "audio/wav", "audio/ogg");
        assertEquals(415, text.statusCode());
        assertEquals("/problems/audio-not-audio", problem(text).getString("type"));
    }

    @Test
    void anOggOpusBodyIsCheckedAndReturnedAsItIs() {
        byte[] opus = resource("speech1_16k.opus");
        HttpResponse<byte[]> response = post(opus, "audio/ogg", "audio/ogg");
        assertEquals(200, response.statusCode());
        assertEquals(opus.length, response.body().length);
        assertTrue(Math.abs(Long.parseLong(response.headers().firstValue("X-Audio-Duration-Ms").orElseThrow()) - 6699) < 20);
    }

    @Test
    void everyMalformedFileGetsItsDocumentedProblem() {
        String[][] cases = {
            {"empty_0bytes.wav", "400", "audio-empty"},
            {"not_audio_text.wav", "415", "audio-not-audio"},
            {"bad_magic_header.wav", "400", "audio-bad-magic"},
            {"truncated_16k.wav", "400", "audio-truncated"},
            {"wrong_header_rate_16k_as_44k_stereo.wav", "400", "audio-inconsistent-header"},
        };
        for (String[] expected : cases) {
            HttpResponse<byte[]> response = post(resource(expected[0]), "audio/wav", "audio/ogg");
            assertEquals(Integer.parseInt(expected[1]), response.statusCode(), expected[0]);
            JsonObject problem = problem(response);
            assertEquals("/problems/" + expected[2], problem.getString("type"), expected[0] + ": " + problem);
            assertTrue(problem.getString("detail").length() > 20, "the detail says what is wrong: " + problem);
        }
    }

    @Test
    void theDigestIsVerified() throws Exception {
        byte[] wav = resource("speech1_16k.wav");
        String right = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(wav));
        HttpResponse<byte[]> ok = send(compress("audio/ogg").header("Content-Type", "audio/wav")
                .header("Repr-Digest", "sha-512=:AAAA:, sha-256=:" + right + ":").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build());
        assertEquals(200, ok.statusCode());
        assertEquals("sha-256=:" + right + ":", ok.headers().firstValue("Repr-Digest").orElse(""));
        byte[] other = MessageDigest.getInstance("SHA-256").digest("something else".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> wrong = send(compress("audio/ogg").header("Content-Type", "audio/wav")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(other) + ":")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build());
        assertEquals(400, wrong.statusCode());
        assertEquals("/problems/digest-mismatch", problem(wrong).getString("type"));
        // a dictionary's duplicate key: the last member wins (RFC 8941), so a good one before a bad one is no pass
        HttpResponse<byte[]> goodThenBad = send(compress("audio/ogg").header("Content-Type", "audio/wav")
                .header("Repr-Digest", "sha-256=:" + right + ":, sha-256=:" + Base64.getEncoder().encodeToString(other) + ":")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build());
        assertEquals(400, goodThenBad.statusCode());
        assertEquals("/problems/digest-mismatch", problem(goodThenBad).getString("type"));
        HttpResponse<byte[]> garbled = send(compress("audio/ogg").header("Content-Type", "audio/wav")
                .header("Repr-Digest", "sha-256=:not base64!:").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build());
        assertEquals(400, garbled.statusCode());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhileReading() {
        long size = 50L * 1024 * 1024 + 1024 * 1024;
        InputStream endless = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
        // no Content-Length: chunked, so only the count while reading can stop it
        HttpResponse<byte[]> response;
        try {
            response = http.send(compress("audio/ogg").header("Content-Type", "audio/wav")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException refusedMidway) {
            // the server may answer and close before the client finished sending: then the status is lost,
            // but the spool must still be empty (checked after each test)
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        assertEquals(413, response.statusCode());
        assertEquals("/problems/payload-too-large", problem(response).getString("type"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() throws IOException {
        URI base = URI.create(System.getProperty("gateway.url", "http://localhost:19080"));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/audio/compress HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + GatewayHttp.USER_KEY
                    + "\r\nContent-Type: audio/wav\r\nAccept: audio/ogg\r\nContent-Length: 60000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status, "answered without a byte of the body");
        }
    }

    @Test
    void acceptDecidesBetweenOggAndWav() {
        HttpResponse<byte[]> wav = post(resource("speech1_16k.wav"), "audio/wav", "audio/wav");
        assertEquals(200, wav.statusCode());
        assertEquals("audio/wav", wav.headers().firstValue("Content-Type").orElse(""));
        Pcm decoded = WavReader.readAll(new ByteArrayInputStream(wav.body()));
        assertEquals(16000, decoded.sampleRate());
        assertTrue(rms(decoded.samples()) > 100, "speech, not silence");
        HttpResponse<byte[]> preferred = post(resource("speech1_16k.wav"), "audio/wav", "audio/wav;q=0.5, audio/ogg");
        assertEquals("audio/ogg", preferred.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> neither = post(resource("speech1_16k.wav"), "audio/wav", "application/json");
        assertEquals(406, neither.statusCode());
    }

    @Test
    void withoutAKeyNothingIsSpooled() {
        HttpResponse<byte[]> response = send(gateway.request("/api/v1/audio/compress").header("Content-Type", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(resource("speech1_16k.wav"))).build());
        assertEquals(401, response.statusCode());
    }

    @Test
    void largeJsonIsGzippedForClientsThatAcceptIt() throws IOException {
        HttpRequest.Builder list = gateway.request("/api/v1/templates?limit=100").header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                .header("Accept", "application/json");
        HttpResponse<byte[]> plain = send(list.build());
        assertEquals(200, plain.statusCode());
        assertTrue(plain.body().length > 1024, "the shipped templates make a list over the 1 KiB threshold: " + plain.body().length);
        HttpResponse<byte[]> zipped = send(list.header("Accept-Encoding", "gzip").build());
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(zipped.body().length < plain.body().length);
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertEquals(GatewayHttp.json(new String(plain.body(), StandardCharsets.UTF_8)).getJsonArray("items").size(),
                    GatewayHttp.json(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("items").size());
        }
        HttpResponse<byte[]> small = send(gateway.request("/health/live").header("Accept-Encoding", "gzip").build());
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "outside /api and small: as it is");
    }

    @Test
    void codecWorkIsMeasured() {
        assertEquals(200, post(resource("speech1_16k.wav"), "audio/wav", "audio/ogg").statusCode());
        String metrics = gateway.get("/metrics", null).body();
        for (String name : new String[] {"gateway_audio_bytes_before_bytes_total", "gateway_audio_bytes_after_bytes_total",
            "gateway_audio_compression_ratio", "gateway_audio_codec_seconds"}) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith(name)), name + " in /metrics");
        }
    }
}
