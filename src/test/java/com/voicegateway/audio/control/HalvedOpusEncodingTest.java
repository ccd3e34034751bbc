package com.voicegateway.audio.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.audio.entity.Pcm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two encoders, one stream: the halves must decode to the source's length and energy, on the
 * timeline one encoder gives (0 at 16 kHz; the 48 kHz decode detour of wideband sources shifts both
 * by a sample or three), and as close to the source as one encoder's stream is, the splice included.
 */
class HalvedOpusEncodingTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private <T> Callable<T> submit(Callable<T> work) {
        Future<T> running = pool.submit(work);
        return running::get;
    }

    private static Pcm decode(byte[] ogg, int rate) {
        return OggOpusDecoder.decodeAll(new ByteArrayInputStream(ogg), rate);
    }

    private static byte[] single(Pcm source, OpusSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OggOpusEncoder encoder = new OggOpusEncoder(out, source.sampleRate(), settings);
        encoder.write(source.samples(), 0, source.samples().length);
        encoder.finish();
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"speech1_16k.wav", "speech2_16k.wav", "speech1_24k.wav", "speech1_48k.wav"})
    void halvesDecodeLikeOneEncoderOnTheSameTimeline(String file) throws Exception {
        Pcm source = Signals.wav(file);
        OpusSettings settings = OpusSettings.voice().withComplexity(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OggOpusEncoder.Encoded encoded = HalvedOpusEncoding.encode(source, settings, out, this::submit);
        assertEquals(source.samples().length, encoded.samples());

        // the hybrid-packet workaround decodes wideband sources at 48 kHz: compare at the source rate
        Pcm halves = decode(out.toByteArray(), source.sampleRate());
        Pcm one = decode(single(source, settings), source.sampleRate());
        assertEquals(source.samples().length, halves.samples().length, "end trimming gives the source's length");
        int rate = source.sampleRate();
        int delay = Signals.delay(source.samples(), one.samples(), rate / 100);
        assertEquals(delay, Signals.delay(source.samples(), halves.samples(), rate / 100), "the timeline one encoder gives");
        double energy = Signals.db(Signals.power(halves.samples()) / Signals.power(source.samples()));
        assertTrue(Math.abs(energy) < 1, "energy within 1 dB: " + energy);
        double snrHalves = Signals.snr(source.samples(), halves.samples(), delay);
        double snrOne = Signals.snr(source.samples(), one.samples(), delay);
        assertTrue(snrHalves > snrOne - 0.5, "halves " + snrHalves + " dB against one encoder " + snrOne + " dB");
    }

    @Test
    void theSplitIsTheQuietestBoundaryNearTheMiddle() {
        int frame = 320;
        short[] loud = Signals.tone(440, 16_000, 4.0, 10_000);
        short[] x = loud.clone();
        // silence around frame 110 (of 200): between 40 % and 60 %
        for (int i = 108 * frame; i < 112 * frame; i++) {
            x[i] = 0;
        }
        assertEquals(110, HalvedOpusEncoding.splitFrame(x, frame, 104));
        // silence at frame 20 is too far from the middle and is not chosen
        short[] early = loud.clone();
        for (int i = 18 * frame; i < 22 * frame; i++) {
            early[i] = 0;
        }
        int split = HalvedOpusEncoding.splitFrame(early, frame, 104);
        assertTrue(split >= 80 && split <= 120, "split " + split);
    }

    @Test
    void shortClipsAreNotWorthTwoEncoders() {
        OpusSettings settings = OpusSettings.voice();
        assertTrue(!HalvedOpusEncoding.worthIt(16_000 / 2, 16_000, settings), "half a second");
        assertTrue(HalvedOpusEncoding.worthIt(16_000 * 7, 16_000, settings), "seven seconds");
        assertTrue(HalvedOpusEncoding.worthIt(44_100 * 2, 44_100, settings), "two seconds at 44.1 kHz");
    }
}
