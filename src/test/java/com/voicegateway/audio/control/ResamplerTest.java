package com.voicegateway.audio.control;

import static com.voicegateway.audio.control.Signals.db;
import static com.voicegateway.audio.control.Signals.power;
import static com.voicegateway.audio.control.Signals.tone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    /** Energy is compared away from the ends, where the filter meets the silence around the signal. */
    private static double innerPower(short[] x) {
        return power(x, x.length / 10, x.length - x.length / 10);
    }

    @ParameterizedTest(name = "{0} Hz tone, {1} -> {2} Hz")
    @CsvSource({"1000, 48000, 16000", "6500, 48000, 16000", "6500, 16000, 48000", "6500, 24000, 16000",
        "10000, 24000, 48000", "10000, 48000, 24000", "3000, 16000, 8000", "3000, 8000, 16000", "3000, 48000, 8000",
        "6500, 44100, 16000", "6500, 16000, 24000"})
    void toneBelowTheLowerNyquistKeepsItsEnergy(double hz, int from, int to) {
        short[] in = tone(hz, from, 1.0, 10_000);
        short[] out = Resampler.convert(in, from, to);
        double changeDb = db(innerPower(out) / innerPower(in));
        assertTrue(Math.abs(changeDb) < 0.5, "energy changed by " + changeDb + " dB");
    }

    @ParameterizedTest(name = "{0} Hz tone, {1} -> {2} Hz")
    @CsvSource({"8500, 48000, 16000", "9000, 24000, 16000", "12500, 48000, 24000", "4300, 16000, 8000",
        "20000, 48000, 16000", "5000, 48000, 8000"})
    void toneAboveTheTargetNyquistIsRemovedWhenDownsampling(double hz, int from, int to) {
        short[] in = tone(hz, from, 1.0, 10_000);
        short[] out = Resampler.convert(in, from, to);
        double attenuationDb = db(innerPower(in) / innerPower(out));
        assertTrue(attenuationDb > 40, "attenuated by only " + attenuationDb + " dB");
    }

    @ParameterizedTest(name = "{0} samples, {1} -> {2} Hz")
    @CsvSource({"16000, 16000, 48000", "16001, 16000, 48000", "48000, 48000, 16000", "48001, 48000, 16000",
        "24000, 24000, 16000", "1, 48000, 8000", "0, 16000, 24000", "44100, 44100, 48000"})
    void outputLengthFollowsTheRateRatio(int samples, int from, int to) {
        short[] out = Resampler.convert(new short[samples], from, to);
        assertEquals(((long) samples * to + from - 1) / from, out.length);
    }

    @Test
    void blocksOfAnySizeGiveTheSameOutputAsOneBlock() {
        short[] in = Signals.wav("speech1_16k.wav").samples();
        short[] whole = Resampler.convert(in, 16000, 24000);
        Resampler streaming = new Resampler(16000, 24000);
        short[] out = new short[whole.length];
        int at = 0;
        Random random = new Random(7);
        for (int offset = 0; offset < in.length; ) {
            int length = Math.min(in.length - offset, random.nextInt(700));
            short[] block = streaming.process(in, offset, length);
            System.arraycopy(block, 0, out, at, block.length);
            at += block.length;
            offset += length;
        }
        short[] tail = streaming.flush();
        System.arraycopy(tail, 0, out, at, tail.length);
        assertEquals(whole.length, at + tail.length);
        assertArrayEquals(whole, out);
    }

    @Test
    void theFilterDelayIsCompensatedSoARoundTripLinesUpWithTheInput() {
        short[] in = Signals.wav("speech1_16k.wav").samples();
        short[] back = Resampler.convert(Resampler.convert(in, 16000, 48000), 48000, 16000);
        assertEquals(in.length, back.length);
        assertEquals(0, Signals.delay(in, back, 20));
        double snr = Signals.snr(in, back, 0);
        assertTrue(snr > 25, "16k -> 48k -> 16k SNR " + snr + " dB");
    }

    @Test
    void equalRatesPassTheSamplesThrough() {
        short[] in = tone(440, 16000, 0.1, 1000);
        assertArrayEquals(in, Resampler.convert(in, 16000, 16000));
    }

    @Test
    void refusesRatesWithoutAUsableCommonFactor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Resampler(16000, 44_101));
        assertTrue(e.getMessage().contains("filter phases"), e.getMessage());
    }

    @Test
    void refusesInputAfterFlush() {
        Resampler resampler = new Resampler(16000, 8000);
        resampler.flush();
        assertThrows(IllegalStateException.class, () -> resampler.process(new short[10]));
    }
}
