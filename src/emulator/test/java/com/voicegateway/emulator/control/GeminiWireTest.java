package com.voicegateway.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.voicegateway.emulator.entity.ReplyPlan;
import com.voicegateway.emulator.entity.SpeechReply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiWireTest {

    private static ReplyPlan speech(int promptTokens, int promptAudioTokens) {
        return new ReplyPlan("gemini-2.5-flash-preview-tts", promptTokens, promptAudioTokens, List.of(),
                new SpeechReply(2_000, 200, 10), 0, 50, 0, 0, false, 0, -1, -1);
    }

    @Test
    void aSpeechChunkCarriesPcmAsInlineData() {
        JsonObject chunk = GeminiWire.speechChunk(speech(4, 0), "r1", "AAEC", false);
        JsonObject inline = chunk.getJsonArray("candidates").getJsonObject(0).getJsonObject("content")
                .getJsonArray("parts").getJsonObject(0).getJsonObject("inlineData");
        assertEquals("audio/L16;codec=pcm;rate=24000", inline.getString("mimeType"));
        assertEquals("AAEC", inline.getString("data"));
        assertFalse(chunk.getJsonArray("candidates").getJsonObject(0).containsKey("finishReason"));
        assertFalse(chunk.getJsonObject("usageMetadata").containsKey("candidatesTokenCount"));
    }

    @Test
    void theLastSpeechChunkCountsAudioTokensByModality() {
        JsonObject usage = GeminiWire.speechChunk(speech(4, 0), "r1", "", true).getJsonObject("usageMetadata");
        assertEquals(50, usage.getInt("candidatesTokenCount"), "2 s at 25 tokens a second");
        assertEquals(54, usage.getInt("totalTokenCount"));
        assertEquals("AUDIO", usage.getJsonArray("candidatesTokensDetails").getJsonObject(0).getString("modality"));
        assertEquals(50, usage.getJsonArray("candidatesTokensDetails").getJsonObject(0).getInt("tokenCount"));
    }

    @Test
    void promptAudioIsDetailedApartFromText() {
        JsonObject usage = GeminiWire.speechChunk(speech(218, 215), "r1", "", true).getJsonObject("usageMetadata");
        assertEquals("TEXT", usage.getJsonArray("promptTokensDetails").getJsonObject(0).getString("modality"));
        assertEquals(3, usage.getJsonArray("promptTokensDetails").getJsonObject(0).getInt("tokenCount"));
        assertEquals(215, usage.getJsonArray("promptTokensDetails").getJsonObject(1).getInt("tokenCount"));
    }

    @Test
    void aTextReplyWithoutAudioKeepsItsFormerUsage() {
        ReplyPlan text = new ReplyPlan("m", 3, 0, List.of("Hello", " there."), null, 0, 50, 0, 0, false, 0, -1, -1);
        JsonObject usage = GeminiWire.chunk(text, "r", "Hello there.", true).getJsonObject("usageMetadata");
        assertEquals(3, usage.size(), "promptTokenCount, candidatesTokenCount, totalTokenCount: " + usage);
        assertEquals(2, usage.getInt("candidatesTokenCount"));
    }
}
