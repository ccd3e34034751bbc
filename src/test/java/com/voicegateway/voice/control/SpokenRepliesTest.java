package com.voicegateway.voice.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.upstream.entity.StreamBrokenException;
import org.junit.jupiter.api.Test;

class SpokenRepliesTest {

    @Test
    void theRateOfGeminisPcmTypeIsRead() {
        assertEquals(24_000, SpeechEncoder.pcmRate("audio/L16;codec=pcm;rate=24000"));
        assertEquals(16_000, SpeechEncoder.pcmRate("audio/l16; rate=16000"));
        assertEquals(24_000, SpeechEncoder.pcmRate("audio/pcm"), "no rate: Gemini's speech rate");
    }

    @Test
    void anythingButPcmIsABrokenReplyThatSaysWhatCame() {
        StreamBrokenException refused = assertThrows(StreamBrokenException.class, () -> SpeechEncoder.pcmRate("audio/mpeg"));
        assertEquals(502, refused.status());
        assertTrue(refused.problem().detail().contains("audio/mpeg"));
        assertThrows(StreamBrokenException.class, () -> SpeechEncoder.pcmRate(null));
    }

    @Test
    void utteranceIdsAreRandomAndGuardTheKeys() {
        String id = SpokenReplies.newId();
        assertTrue(SpokenReplies.validId(id), id);
        assertFalse(id.equals(SpokenReplies.newId()));
        assertFalse(SpokenReplies.validId("u_abc"));
        assertFalse(SpokenReplies.validId("u_0000000000000000000000}:x"));
        assertFalse(SpokenReplies.validId(null));
        assertEquals("vg:s:{s_1}:r:u_1", SpokenReplyStore.dataKey("s_1", "u_1"), "same hash tag as the session's keys");
    }
}
