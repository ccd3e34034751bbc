package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpeechGateTest {

    private static final short[] LOUD = frame(2000);
    private static final short[] QUIET = frame(10);

    @Test
    void speechStartsAfterItHasLastedAndEndsAfterTheQuiet() {
        SpeechGate gate = new SpeechGate(300, 60, 100);
        assertEquals(SpeechGate.Event.NONE, gate.feed(LOUD, 1));
        assertEquals(SpeechGate.Event.NONE, gate.feed(LOUD, 2));
        assertEquals(SpeechGate.Event.STARTED, gate.feed(LOUD, 3), "60 ms of speech");
        assertEquals(SpeechGate.Event.NONE, gate.feed(LOUD, 4));
        for (int i = 0; i < 4; i++) {
            assertEquals(SpeechGate.Event.NONE, gate.feed(QUIET, 10 + i));
        }
        assertEquals(SpeechGate.Event.ENDED, gate.feed(QUIET, 20), "100 ms of quiet");
        assertEquals(4, gate.lastLoudNanos(), "the speech ended with its last loud frame");
    }

    @Test
    void aClickIsNotSpeech() {
        SpeechGate gate = new SpeechGate(300, 60, 100);
        gate.feed(LOUD, 1);
        gate.feed(QUIET, 2);
        gate.feed(LOUD, 3);
        for (int i = 0; i < 10; i++) {
            assertEquals(SpeechGate.Event.NONE, gate.feed(QUIET, 4 + i));
        }
    }

    @Test
    void rmsOfAConstantIsItsMagnitude() {
        assertEquals(2000, SpeechGate.rms(LOUD, 0, LOUD.length));
        assertEquals(0, SpeechGate.rms(new short[0], 0, 0));
    }

    private static short[] frame(int level) {
        short[] pcm = new short[320];
        Arrays.fill(pcm, (short) level);
        return pcm;
    }
}
