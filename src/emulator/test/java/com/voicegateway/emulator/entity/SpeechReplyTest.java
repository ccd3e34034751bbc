package com.voicegateway.emulator.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpeechReplyTest {

    @Test
    void chunksCoverTheDurationAndTheLastTakesTheRest() {
        SpeechReply speech = new SpeechReply(1_000, 300, 2);
        assertEquals(4, speech.chunks());
        assertEquals(24_000, speech.totalSamples());
        assertEquals(7_200, speech.samplesIn(0));
        assertEquals(21_600, speech.firstSample(3));
        assertEquals(2_400, speech.samplesIn(3), "the last 100 ms");
        assertEquals(150.0, speech.chunkIntervalMs(), 1e-9);
    }

    @Test
    void outputAudioCosts25TokensASecondRoundedUp() {
        assertEquals(25, new SpeechReply(1_000, 200, 1).tokens());
        assertEquals(168, new SpeechReply(6_700, 200, 1).tokens());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpeechReply(0, 200, 1));
        assertThrows(IllegalArgumentException.class, () -> new SpeechReply(1_000, 200, 0));
    }
}
