package com.voicegateway.upstream.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCallFingerprintTest {

    private static ModelCall call(String model, String instruction, List<Turn> turns, Double temperature, GenerationSettings settings) {
        return new ModelCall(model, instruction, turns, temperature, 100, settings);
    }

    private static final List<Turn> HELLO = List.of(Turn.user("hello"));

    @Test
    void equalCallsHaveEqualFingerprints() {
        String first = call("m", "be brief", HELLO, 0.2, GenerationSettings.NONE).fingerprint();
        assertEquals(first, call("m", "be brief", List.of(Turn.user("hello")), 0.2, null).fingerprint());
        assertEquals(64, first.length());
    }

    @Test
    void everyComponentIsPartOfTheIdentity() {
        String base = call("m", "be brief", HELLO, 0.2, GenerationSettings.NONE).fingerprint();
        assertNotEquals(base, call("m2", "be brief", HELLO, 0.2, GenerationSettings.NONE).fingerprint());
        assertNotEquals(base, call("m", "be long", HELLO, 0.2, GenerationSettings.NONE).fingerprint());
        assertNotEquals(base, call("m", null, HELLO, 0.2, GenerationSettings.NONE).fingerprint());
        assertNotEquals(base, call("m", "be brief", List.of(new Turn(Turn.Speaker.MODEL, "hello")), 0.2, GenerationSettings.NONE)
                .fingerprint());
        assertNotEquals(base, call("m", "be brief", HELLO, 0.3, GenerationSettings.NONE).fingerprint());
        assertNotEquals(base, new ModelCall("m", "be brief", HELLO, 0.2, 101, GenerationSettings.NONE).fingerprint());
        GenerationSettings topK = new GenerationSettings(null, 40.0, null, null, null, null, null, null, null, null, null);
        assertNotEquals(base, call("m", "be brief", HELLO, 0.2, topK).fingerprint());
    }

    @Test
    void boundariesBetweenValuesCannotBeShifted() {
        // the same characters split differently between instruction and turn, or between turns
        assertNotEquals(call("m", "ab", List.of(Turn.user("c")), null, null).fingerprint(),
                call("m", "a", List.of(Turn.user("bc")), null, null).fingerprint());
        assertNotEquals(call("m", null, List.of(Turn.user("a"), Turn.user("b")), null, null).fingerprint(),
                call("m", null, List.of(Turn.user("ab")), null, null).fingerprint());
        assertNotEquals(call("m", "", HELLO, null, null).fingerprint(), call("m", null, HELLO, null, null).fingerprint());
    }

    @Test
    void audioAndSpeechArePartOfTheIdentity() {
        List<Turn> spoken = List.of(Turn.spoken(new InlineAudio("audio/ogg", new byte[] {1, 2, 3}), ""));
        String base = call("m", null, spoken, null, null).fingerprint();
        assertEquals(base, call("m", null, List.of(Turn.spoken(new InlineAudio("audio/ogg", new byte[] {1, 2, 3}), "")), null, null)
                .fingerprint());
        assertNotEquals(base, call("m", null, List.of(Turn.spoken(new InlineAudio("audio/ogg", new byte[] {1, 2, 4}), "")), null, null)
                .fingerprint());
        assertNotEquals(base, call("m", null, List.of(Turn.spoken(new InlineAudio("audio/wav", new byte[] {1, 2, 3}), "")), null, null)
                .fingerprint());
        assertNotEquals(base, call("m", null, List.of(Turn.user("")), null, null).fingerprint());
        ModelCall text = new ModelCall("m", null, HELLO, null, 100, null);
        ModelCall speech = new ModelCall("m", null, HELLO, null, 100, null, new ModelCall.Speech("Kore"));
        assertNotEquals(text.fingerprint(), speech.fingerprint());
        assertNotEquals(speech.fingerprint(), new ModelCall("m", null, HELLO, null, 100, null, new ModelCall.Speech("Puck")).fingerprint());
        assertEquals(speech.speech(), speech.onModel("m2").speech());
    }
}
