package com.voicegateway.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.emulator.entity.InlineData;
import com.voicegateway.emulator.entity.ReadContents;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InlineDataReaderTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject oneTurn(String parts) {
        return json("{\"contents\":[{\"role\":\"user\",\"parts\":[" + parts + "]}]}");
    }

    @Test
    void aPayloadIsMeasuredHashedAndLoggedOnlyAsItsMarker() throws Exception {
        byte[] audio = "not really ogg but bytes all the same".getBytes(StandardCharsets.US_ASCII);
        String base64 = Base64.getEncoder().encodeToString(audio);
        ReadContents read = InlineDataReader.read(oneTurn("{\"text\":\"what is said?\"},"
                + "{\"inlineData\":{\"mimeType\":\"audio/ogg\",\"data\":\"" + base64 + "\"}}"));

        InlineData part = read.inlineData().get(0);
        assertEquals("audio/ogg", part.mimeType());
        assertEquals(audio.length, part.bytes());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio));
        assertEquals(sha256, part.sha256());
        assertTrue(read.loggedJson().contains("<inlineData audio/ogg " + audio.length + " bytes sha256=" + sha256 + ">"), read.loggedJson());
        assertFalse(read.loggedJson().contains(base64), "the payload is never kept");
        assertTrue(read.loggedJson().contains("what is said?"), "text parts stay as sent");
    }

    @Test
    void snakeCaseFieldsAndUrlSafeBase64AreReadLikeGeminiReadsThem() {
        byte[] audio = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe, 0x01};
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(audio);
        ReadContents read = InlineDataReader.read(oneTurn("{\"inline_data\":{\"mime_type\":\"audio/wav\",\"data\":\"" + urlSafe + "\"}}"));
        assertEquals(4, read.inlineData().get(0).bytes());
        assertEquals("audio/wav", read.inlineData().get(0).mimeType());
        assertTrue(read.loggedJson().contains("\"inline_data\":{\"mime_type\":\"audio/wav\",\"data\":\"<inlineData audio/wav 4 bytes sha256="),
                read.loggedJson());
    }

    @Test
    void aTextOnlyRequestLogsExactlyItsContents() {
        JsonObject request = oneTurn("{\"text\":\"hello\"}");
        ReadContents read = InlineDataReader.read(request);
        assertEquals(request.get("contents").toString(), read.loggedJson());
        assertTrue(read.inlineData().isEmpty());
        assertEquals(0, read.audioTokens());
    }

    @Test
    void malformedBase64IsAnInvalidArgumentNamingTheField() {
        InvalidArgumentException refused = assertThrows(InvalidArgumentException.class, () -> InlineDataReader.read(
                json("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]},{\"parts\":[{\"text\":\"y\"},"
                        + "{\"inlineData\":{\"mimeType\":\"audio/ogg\",\"data\":\"not*base64!\"}}]}]}")));
        assertEquals("Invalid value at 'contents[1].parts[1].inline_data.data' (TYPE_BYTES), Base64 decoding failed.", refused.getMessage());
    }

    @Test
    void aPartWithoutMimeTypeOrDataIsRefused() {
        assertThrows(InvalidArgumentException.class, () -> InlineDataReader.read(oneTurn("{\"inlineData\":{\"data\":\"AAAA\"}}")));
        assertThrows(InvalidArgumentException.class, () -> InlineDataReader.read(oneTurn("{\"inlineData\":{\"mimeType\":\"audio/ogg\"}}")));
    }

    @Test
    void onlyAudioCostsPromptTokens() {
        ReadContents read = InlineDataReader.read(oneTurn("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}"));
        assertEquals(0, read.audioTokens());
        assertTrue(read.loggedJson().contains("<inlineData image/png 3 bytes sha256="));
    }
}
