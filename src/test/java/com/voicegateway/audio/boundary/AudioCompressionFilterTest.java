package com.voicegateway.audio.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioCompressionFilterTest {

    @Test
    void onlyAClientThatTakesWavAndNotOggGetsWav() {
        assertTrue(AudioCompressionFilter.wantsWavNotOgg("audio/wav"));
        assertTrue(AudioCompressionFilter.wantsWavNotOgg("audio/x-wav, application/json"));
        assertTrue(AudioCompressionFilter.wantsWavNotOgg("audio/wav, audio/ogg;q=0"), "Ogg refused by q=0");
        assertFalse(AudioCompressionFilter.wantsWavNotOgg(null), "no Accept: Ogg/Opus");
        assertFalse(AudioCompressionFilter.wantsWavNotOgg("audio/wav, audio/ogg"));
        assertFalse(AudioCompressionFilter.wantsWavNotOgg("audio/wav;q=0.5, */*;q=0.1"), "a wildcard takes Ogg");
        assertFalse(AudioCompressionFilter.wantsWavNotOgg("audio/*"));
        assertFalse(AudioCompressionFilter.wantsWavNotOgg("text/event-stream"));
        assertFalse(AudioCompressionFilter.wantsWavNotOgg("audio/wav;q=0"));
    }
}
