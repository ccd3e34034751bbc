package com.voicegateway.audio.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpusSettingsTest {

    @Test
    void voiceDefaults() {
        assertEquals(new OpusSettings(24_000, 5, OpusSettings.Application.VOIP, 20), OpusSettings.voice());
        assertEquals(320, OpusSettings.voice().frameSamples(16_000));
    }

    @Test
    void eachInvalidFieldIsNamedWithItsRange() {
        assertMessage(() -> OpusSettings.voice().withBitrate(5_000), "bitrate must be 6000-510000 bit/s, was 5000");
        assertMessage(() -> OpusSettings.voice().withComplexity(11), "complexity must be 0-10, was 11");
        assertMessage(() -> OpusSettings.voice().withFrameMillis(30), "frameMillis must be 10, 20, 40 or 60, was 30");
        assertMessage(() -> new OpusSettings(24_000, 5, null, 20), "application must be VOIP, AUDIO or LOWDELAY");
    }

    @Test
    void pcmChecksItsShape() {
        Pcm stereo = new Pcm(new short[32_000], 16_000, 2);
        assertEquals(16_000, stereo.frames());
        assertEquals(1000, stereo.duration().toMillis());
        assertMessage(() -> new Pcm(new short[3], 16_000, 2), "3 samples do not make whole frames of 2 channels");
        assertMessage(() -> new Pcm(new short[4], 16_000, 3), "channels must be 1 or 2, was 3");
    }

    private static void assertMessage(Runnable invalid, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, invalid::run);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
