package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.errors.ClientException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.GenerateContentResponse;
import com.voicegateway.upstream.entity.UpstreamChunk;
import com.voicegateway.upstream.entity.UpstreamRejectedException;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SdkMappingTest {

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertEquals(Duration.ofSeconds(3), SdkFailures.retryAfter("3"));
        assertNull(SdkFailures.retryAfter(null));
        assertNull(SdkFailures.retryAfter("soon"));
        Duration fromDate = SdkFailures.retryAfter(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30)));
        assertTrue(fromDate.toSeconds() > 25 && fromDate.toSeconds() <= 30, fromDate.toString());
    }

    @Test
    void retryableFailuresAreTheOnesAnotherAttemptMayCure() {
        assertInstanceOf(UpstreamUnavailableException.class, SdkFailures.translate(new ClientException(429, "RESOURCE_EXHAUSTED", "quota")));
        assertInstanceOf(UpstreamUnavailableException.class, SdkFailures.translate(new ServerException(503, "UNAVAILABLE", "busy")));
        assertInstanceOf(UpstreamUnavailableException.class, SdkFailures.translate(new GenAiIOException("read", new IOException("reset"))));
        UpstreamRejectedException rejected = assertInstanceOf(UpstreamRejectedException.class,
                SdkFailures.translate(new ClientException(400, "INVALID_ARGUMENT", "bad")));
        assertEquals(400, rejected.status());
        assertEquals(502, SdkFailures.translate(new ClientException(403, "PERMISSION_DENIED", "key")).status(),
                "the gateway's own credential failing is not the client's fault");
        assertEquals(503, SdkFailures.translate(new ServerException(500, "INTERNAL", "x")).status());
    }

    @Test
    void chunksCarryTextFinishReasonAndUsageAndFillersAreSkipped() {
        GenerateContentResponse last = GenerateContentResponse.fromJson("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"},"
                + "{\"text\":\" there\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2,\"totalTokenCount\":6}}");
        assertEquals(new UpstreamChunk("Hi there", "STOP", 4, 2), SdkResponses.chunk(last));
        assertNull(SdkResponses.chunk(GenerateContentResponse.fromJson("{}")));
        UpstreamChunk middle = SdkResponses.chunk(GenerateContentResponse.fromJson(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"mid\"}],\"role\":\"model\"}}]}"));
        assertEquals("mid", middle.text());
        assertEquals(false, middle.last());
    }

    @Test
    void speechChunksCarryTheirPcmAndMediaType() {
        byte[] pcm = {1, 0, -1, 0, 2, 0};
        UpstreamChunk chunk = SdkResponses.chunk(GenerateContentResponse.fromJson("{\"candidates\":[{\"content\":{\"parts\":["
                + "{\"inlineData\":{\"mimeType\":\"audio/L16;codec=pcm;rate=24000\",\"data\":\""
                + java.util.Base64.getEncoder().encodeToString(pcm) + "\"}}],\"role\":\"model\"}}]}"));
        assertTrue(chunk.hasAudio());
        assertEquals("audio/L16;codec=pcm;rate=24000", chunk.audioMimeType());
        assertEquals(java.util.List.of((byte) 1, (byte) 0, (byte) -1, (byte) 0, (byte) 2, (byte) 0),
                java.util.stream.IntStream.range(0, chunk.audio().length).mapToObj(i -> chunk.audio()[i]).toList());
    }

    @Test
    void aSpokenTurnSendsItsAudioAndASpeechCallAsksForAudioInItsVoice() {
        com.voicegateway.upstream.entity.InlineAudio audio = new com.voicegateway.upstream.entity.InlineAudio("audio/ogg", new byte[] {7, 8});
        com.voicegateway.upstream.entity.ModelCall call = new com.voicegateway.upstream.entity.ModelCall("tts", null,
                java.util.List.of(com.voicegateway.upstream.entity.Turn.spoken(audio, "")), null, null, null,
                new com.voicegateway.upstream.entity.ModelCall.Speech("Kore"));
        String contents = SdkRequests.contents(call).get(0).toJson();
        assertTrue(contents.contains("\"mimeType\":\"audio/ogg\""), contents);
        assertTrue(contents.contains("\"data\":\"Bwg=\""), contents);
        assertTrue(!contents.contains("\"text\""), "an empty text is not sent beside the audio: " + contents);
        String config = SdkRequests.config(call).toJson();
        assertTrue(config.contains("\"responseModalities\":[\"AUDIO\"]"), config);
        assertTrue(config.contains("\"voiceName\":\"Kore\""), config);
    }
}
