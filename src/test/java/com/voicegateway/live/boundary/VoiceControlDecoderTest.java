package com.voicegateway.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.live.entity.VoiceControl;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceControlDecoderTest {

    private final VoiceControlDecoder decoder = new VoiceControlDecoder();

    @Test
    void decodesEachControlFrame() {
        assertEquals(new VoiceControl.Start(48_000, Optional.of("Puck")),
                decoder.decode("{\"type\":\"start\",\"sampleRate\":48000,\"voice\":\"Puck\"}"));
        assertEquals(new VoiceControl.Start(16_000, Optional.empty()), decoder.decode("{\"type\":\"start\"}"));
        assertInstanceOf(VoiceControl.EndOfTurn.class, decoder.decode("{\"type\":\"end_of_turn\"}"));
        assertInstanceOf(VoiceControl.Interrupt.class, decoder.decode("{\"type\":\"interrupt\"}"));
        assertInstanceOf(VoiceControl.Stop.class, decoder.decode("{\"type\":\"stop\"}"));
    }

    @Test
    void aBadFrameIsA400ThatSaysWhat() {
        assertProblem("{\"type\":\"start\",\"sampleRate\":44100}", "/problems/invalid-request", "16000 or 48000");
        assertProblem("{\"type\":\"start\",\"sampleRate\":\"fast\"}", "/problems/invalid-request", "a number");
        assertProblem("{\"type\":\"dance\"}", "/problems/invalid-request", "end_of_turn");
        assertProblem("[1]", "/problems/invalid-request", "JSON object");
        assertProblem("{\"type\":", "/problems/malformed-json", "");
    }

    private void assertProblem(String frame, String type, String detail) {
        VoiceControl.Invalid invalid = assertInstanceOf(VoiceControl.Invalid.class, decoder.decode(frame));
        assertEquals(type, invalid.problem().type());
        assertEquals(400, invalid.problem().status());
        assertTrue(invalid.problem().detail().contains(detail), invalid.problem().detail());
    }
}
