package com.voicegateway.audio.control;

import static com.voicegateway.audio.control.Signals.db;
import static com.voicegateway.audio.control.Signals.power;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.audio.entity.MalformedAudioException;
import com.voicegateway.audio.entity.OpusSettings;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusMode;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Encoder and decoder streams. Decoded audio is judged by its energy against the source (a decoder
 * that outputs the right number of zeros passes a length check) and by SNR after aligning the delay.
 * Floors are below what was measured (24 kbit/s speech, complexity 5: 10.8 dB at 16 kHz, 9.0 dB at
 * 24 kHz, 9.4 dB at 48 kHz; energy within 0.4 dB).
 */
class OpusCodecTest {

    private static final double SNR_FLOOR_DB = 7;

    private static List<byte[]> encode(short[] pcm, int rate, OpusSettings settings) {
        OpusEncoderStream encoder = new OpusEncoderStream(rate, settings);
        List<byte[]> packets = new ArrayList<>(encoder.encode(pcm));
        packets.addAll(encoder.finish());
        return packets;
    }

    /** Decodes, then drops the pre-skip, as a player does. */
    private static short[] decode(List<byte[]> packets, long sourceRate, int outputRate, int preSkip48k) {
        OpusDecoderStream decoder = new OpusDecoderStream(sourceRate, outputRate);
        short[] all = new short[0];
        for (byte[] packet : packets) {
            all = concat(all, decoder.decode(packet));
        }
        all = concat(all, decoder.flush());
        int skip = preSkip48k * outputRate / 48_000;
        return Arrays.copyOfRange(all, skip, all.length);
    }

    @ParameterizedTest(name = "speech1 at {0} Hz")
    @CsvSource({"16000, speech1_16k.wav", "24000, speech1_24k.wav", "48000, speech1_48k.wav"})
    void speechRoundTripKeepsEnergyAndWaveform(int rate, String file) {
        short[] source = Signals.wav(file).samples();
        OpusEncoderStream encoder = new OpusEncoderStream(rate, OpusSettings.voice());
        int preSkip = encoder.preSkip();
        assertEquals(312, preSkip, "lookahead in 48 kHz samples");
        short[] decoded = decode(encode(source, rate, OpusSettings.voice()), rate, rate, preSkip);
        assertTrue(decoded.length >= source.length, "every input sample comes back");
        double energyDb = db(power(decoded, 0, source.length) / power(source));
        assertTrue(Math.abs(energyDb) < 1.5, "decoded energy differs by " + energyDb + " dB");
        int delay = Signals.delay(source, decoded, rate / 100);
        assertTrue(Math.abs(delay) <= 3, "residual delay " + delay);
        double snr = Signals.snr(source, decoded, delay);
        assertTrue(snr > SNR_FLOOR_DB, "SNR " + snr + " dB");
    }

    @Test
    void hybridPacketsAreDecodedAt24kHzThroughTheWorkaround() {
        short[] source = Signals.wav("speech1_48k.wav").samples();
        List<byte[]> packets = encode(source, 48_000, OpusSettings.voice());
        assertEquals(OpusMode.MODE_HYBRID, OpusPacketInfo.getEncoderMode(packets.get(100), 0));
        short[] decoded = decode(packets, 48_000, 24_000, 312);
        short[] reference = Resampler.convert(source, 48_000, 24_000);
        double energyDb = db(power(decoded, 0, reference.length) / power(reference));
        assertTrue(Math.abs(energyDb) < 1.5, "decoded energy differs by " + energyDb + " dB");
        assertTrue(Signals.snr(reference, decoded, Signals.delay(reference, decoded, 240)) > SNR_FLOOR_DB);
    }

    /** Why the workaround exists. When this fails, Concentus decodes hybrid packets at 24 kHz again: drop the detour. */
    @Test
    void concentusItselfStillSilencesHybridPacketsAt24kHz() throws Exception {
        short[] source = Signals.wav("speech1_48k.wav").samples();
        OpusDecoder direct = new OpusDecoder(24_000, 1);
        short[] frame = new short[5760];
        double energy = 0;
        long samples = 0;
        for (byte[] packet : encode(source, 48_000, OpusSettings.voice())) {
            int n = direct.decode(packet, 0, packet.length, frame, 0, frame.length, false);
            energy += power(frame, 0, n) * n;
            samples += n;
        }
        double lossDb = db(power(Resampler.convert(source, 48_000, 24_000)) / (energy / samples));
        assertTrue(lossDb > 20, "direct 24 kHz decoding lost only " + lossDb + " dB");
    }

    @Test
    void aNarrowStreamThatSendsHybridPacketsSwitchesTo48kHz() {
        short[] source = Signals.wav("speech1_48k.wav").samples();
        List<byte[]> packets = encode(source, 48_000, OpusSettings.voice());
        OpusDecoderStream decoder = new OpusDecoderStream(16_000, 16_000);
        assertEquals(16_000, decoder.decodeRate());
        short[] decoded = new short[0];
        for (byte[] packet : packets) {
            decoded = concat(decoded, decoder.decode(packet));
        }
        assertEquals(48_000, decoder.decodeRate());
        short[] reference = Resampler.convert(source, 48_000, 16_000);
        double energyDb = db(power(decoded, 0, reference.length) / power(reference));
        assertTrue(Math.abs(energyDb) < 1.5, "decoded energy differs by " + energyDb + " dB");
    }

    @Test
    void narrowSourcesDecodeAt16kHzAndWideOnesAt48kHz() {
        assertEquals(16_000, new OpusDecoderStream(16_000, 16_000).decodeRate());
        assertEquals(16_000, new OpusDecoderStream(8_000, 24_000).decodeRate());
        assertEquals(48_000, new OpusDecoderStream(16_000, 48_000).decodeRate());
        assertEquals(48_000, new OpusDecoderStream(24_000, 16_000).decodeRate());
        assertEquals(48_000, new OpusDecoderStream(0, 16_000).decodeRate());
    }

    @ParameterizedTest(name = "{0} ms frames")
    @CsvSource({"10", "20", "40", "60"})
    void frameSizesGiveOnePacketPerFrame(int millis) {
        short[] source = Signals.wav("speech2_16k.wav").samples();
        List<byte[]> packets = encode(source, 16_000, OpusSettings.voice().withFrameMillis(millis));
        int frame = 16 * millis;
        assertEquals((source.length + 104 + frame - 1) / frame, packets.size(), "input plus lookahead, whole frames");
        for (byte[] packet : packets) {
            assertEquals(48 * millis, OpusPacketInfo.getNumSamples(packet, 0, packet.length, 48_000));
        }
        short[] decoded = decode(packets, 16_000, 16_000, 312);
        double energyDb = db(power(decoded, 0, source.length) / power(source));
        assertTrue(Math.abs(energyDb) < 1.5, "decoded energy differs by " + energyDb + " dB");
    }

    @Test
    void theBitrateIsHonouredOnAverage() {
        short[] source = Signals.wav("speech2_16k.wav").samples();
        for (int bitrate : new int[]{16_000, 24_000, 48_000}) {
            int bytes = encode(source, 16_000, OpusSettings.voice().withBitrate(bitrate)).stream().mapToInt(p -> p.length).sum();
            double kbps = bytes * 8.0 / (source.length / 16_000.0) / 1000;
            assertTrue(kbps > bitrate / 1000.0 * 0.6 && kbps < bitrate / 1000.0 * 1.2, bitrate + " bit/s gave " + kbps + " kbit/s");
        }
    }

    @Test
    void aCorruptPacketIsAnAudioProblem() {
        OpusDecoderStream decoder = new OpusDecoderStream(16_000, 16_000);
        // TOC code 3 (arbitrary frame count) with a count byte claiming 0 frames: invalid
        MalformedAudioException e = assertThrows(MalformedAudioException.class, () -> decoder.decode(new byte[]{(byte) 0x0b, 0}));
        assertEquals("/problems/audio-corrupt", e.problem().type());
        assertTrue(e.getMessage().contains("packet 1"), e.getMessage());
    }

    @Test
    void theEncoderTakesOnlyOpusRates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OpusEncoderStream(44_100, OpusSettings.voice()));
        assertTrue(e.getMessage().contains("resample first"), e.getMessage());
    }

    @Test
    void finishPadsToCoverTheLookahead() {
        OpusEncoderStream encoder = new OpusEncoderStream(16_000, OpusSettings.voice());
        assertEquals(0, encoder.encode(new short[319]).size());
        assertEquals(1, encoder.encode(new short[1]).size());
        assertEquals(1, encoder.finish().size(), "104 samples of lookahead fit one more 320-sample frame");
        assertEquals(320, encoder.inputSamples());
        assertThrows(IllegalStateException.class, () -> encoder.encode(new short[1]));
    }

    private static short[] concat(short[] a, short[] b) {
        short[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
