package com.voicegateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.audio.control.OggOpusDecoder;
import com.voicegateway.audio.control.WavReader;
import com.voicegateway.chat.boundary.ChatFrameDecoder;
import com.voicegateway.chat.entity.CompletionRequest;
import com.voicegateway.chat.entity.SendMessageRequest;
import com.voicegateway.live.boundary.VoiceControlDecoder;
import com.voicegateway.problems.boundary.JsonDepth;
import com.voicegateway.problems.boundary.StrictJsonReader;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.sessions.entity.CreateSessionRequest;
import com.voicegateway.templates.entity.PutTemplateRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Timeout;

/**
 * Property-based fuzzing (jqwik) of what parses client input: WAV and Ogg/Opus uploads, the
 * /api/v1 JSON bodies, the JSON depth guard and the WebSocket control frames. Thousands of inputs
 * per target, random and mutations of real files and valid bodies: the only failure allowed to
 * escape is the gateway's own 4xx problem, so none can become a 500, and every input ends (each
 * property is bounded in time). jqwik keeps the inputs of a failing run in {@code .jqwik-database}
 * and tries them first the next time; a failure found is then added below as a fixed example
 * ({@code knownInputs}) so that it stays a test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ParserFuzzProperties {

    private static final byte[] WAV = resource("speech1_16k.wav", 8_192);
    private static final byte[] OGG = resource("speech1_16k.opus", 8_192);
    private static final List<Class<? extends Record>> BODIES = List.of(CompletionRequest.class, SendMessageRequest.class,
            CreateSessionRequest.class, PutTemplateRequest.class);

    @Property(tries = 3_000)
    void aWavUploadIsPcmOrAClientError(@ForAll("wavs") byte[] body) {
        onlyClientErrors(() -> WavReader.readAll(new ByteArrayInputStream(body)));
    }

    @Property(tries = 2_000)
    void anOggUploadIsPcmOrAClientError(@ForAll("oggs") byte[] body) {
        onlyClientErrors(() -> OggOpusDecoder.decodeAll(new ByteArrayInputStream(body), 16_000));
    }

    @Property(tries = 3_000)
    void aJsonBodyIsARequestOrAClientError(@ForAll("jsonBodies") String body, @ForAll("bodyTypes") Class<? extends Record> type) {
        onlyClientErrors(() -> {
            try {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object read = new StrictJsonReader().readFrom((Class) type, type, null, null, null,
                        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                return read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Property(tries = 3_000)
    void theDepthGuardOnlyEverRefusesDepth(@ForAll("jsonBodies") String text) {
        onlyClientErrors(() -> {
            JsonDepth.check(text, 8);
            return null;
        });
    }

    @Property(tries = 3_000)
    void aSocketFrameNeverThrows(@ForAll("frames") String frame) {
        // the decoders turn every bad frame into an error frame for the client: nothing may escape them
        new ChatFrameDecoder().decode(frame);
        new VoiceControlDecoder().decode(frame);
    }

    @Property(tries = 1)
    void knownInputs() {
        // inputs that once broke a parser, kept as tests (none yet beyond the cases of the issue)
        onlyClientErrors(() -> {
            JsonDepth.check("[".repeat(10_000), 64);
            return null;
        });
        new ChatFrameDecoder().decode("{\"type\":\"message\",\"text\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        onlyClientErrors(() -> WavReader.readAll(new ByteArrayInputStream(new byte[] {'R', 'I', 'F', 'F'})));
    }

    @Provide
    Arbitrary<byte[]> wavs() {
        return Arbitraries.oneOf(mutations(WAV), Arbitraries.bytes().array(byte[].class).ofMaxSize(512));
    }

    @Provide
    Arbitrary<byte[]> oggs() {
        return Arbitraries.oneOf(mutations(OGG), Arbitraries.bytes().array(byte[].class).ofMaxSize(512));
    }

    @Provide
    Arbitrary<Class<? extends Record>> bodyTypes() {
        return Arbitraries.of(BODIES);
    }

    @Provide
    Arbitrary<String> jsonBodies() {
        Arbitrary<String> valid = Arbitraries.of(
                "{\"input\":\"hi\",\"temperature\":0.5,\"maxOutputTokens\":10,\"variables\":{\"a\":\"b\"}}",
                "{\"text\":\"hello\",\"description\":\"d\"}", "{\"templateId\":\"assistant\",\"ttlSeconds\":60}");
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 80),
                Arbitraries.of("{", "}", "[", "]", "\"", "\\", ":", ",", "1e400", "-", "null", "\\ud800", "\u0000", "\uffff", "9".repeat(30)))
                .as((json, at, insert) -> json.substring(0, Math.min(at, json.length())) + insert
                        + json.substring(Math.min(at, json.length())));
        Arbitrary<String> structural = Arbitraries.strings().withChars("{}[]\":,\\ 0123456789abcdefnulltrue.-eE").ofMaxLength(200);
        return Arbitraries.oneOf(valid, mutated, structural, Arbitraries.strings().ofMaxLength(200));
    }

    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> types = Arbitraries.of("message", "start", "interrupt", "stop", "text", "", "START", "x".repeat(300));
        Arbitrary<String> values = Arbitraries.of("16000", "48000", "-1", "1e99", "\"16000\"", "null", "[]", "{}", "true", "\"\\ud800\"");
        Arbitrary<String> shaped = Combinators.combine(types, values)
                .as((type, value) -> "{\"type\":\"" + type + "\",\"sampleRate\":" + value + ",\"text\":" + value + "}");
        return Arbitraries.oneOf(shaped, jsonBodies());
    }

    /** A real file with a few bytes overwritten, a piece cut out, or cut short: mostly well-formed, somewhere broken. */
    private static Arbitrary<byte[]> mutations(byte[] file) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, file.length - 1);
        Arbitrary<byte[]> flipped = Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
                .as((offset, bytes) -> {
                    byte[] copy = file.clone();
                    for (int i = 0; i < bytes.length && offset + i < copy.length; i++) {
                        copy[offset + i] = bytes[i];
                    }
                    return copy;
                });
        Arbitrary<byte[]> cut = at.map(length -> java.util.Arrays.copyOf(file, length));
        return Arbitraries.oneOf(flipped, cut);
    }

    private interface Parse {
        Object run();
    }

    private static void onlyClientErrors(Parse parse) {
        try {
            parse.run();
        } catch (GatewayException refused) {
            int status = refused.problem().status();
            assertTrue(status >= 400 && status < 500, "a " + status + " for client input: " + refused.getMessage());
        }
    }

    private static byte[] resource(String name, int atMost) {
        try (InputStream in = ParserFuzzProperties.class.getResourceAsStream("/audio/" + name)) {
            byte[] all = in.readAllBytes();
            return java.util.Arrays.copyOf(all, Math.min(all.length, atMost));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
