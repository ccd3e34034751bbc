package com.voicegateway.audio.control;

import static com.voicegateway.audio.control.Signals.db;
import static com.voicegateway.audio.control.Signals.power;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.audio.entity.MalformedAudioException;
import com.voicegateway.audio.entity.OpusHead;
import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.audio.entity.Pcm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ogg/Opus writing and reading. The libopus files of the corpus (opusenc 0.2, libopus 1.3.1) must
 * decode to the energy and length of their WAVs; measured SNR against the WAV 9.7-11.3 dB, against
 * libopus's own decode 45 dB (Concentus is close to libopus 1.3.1's float build, not bit-exact).
 */
class OggOpusTest {

    private static byte[] encode(Pcm pcm, OpusSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OggOpusEncoder encoder = new OggOpusEncoder(out, pcm.sampleRate(), settings);
        encoder.write(pcm.samples(), 0, pcm.samples().length);
        encoder.finish();
        return out.toByteArray();
    }

    private static MalformedAudioException refused(byte[] ogg) {
        return assertThrows(MalformedAudioException.class, () -> OggOpusDecoder.decodeAll(new ByteArrayInputStream(ogg), 16_000));
    }

    @ParameterizedTest(name = "{0} decoded at {2} Hz")
    @CsvSource({"speech1_16k.opus, speech1_16k.wav, 16000", "speech2_16k.opus, speech2_16k.wav, 16000",
        "speech1_48k.opus, speech1_48k.wav, 48000", "speech1_48k.opus, speech1_24k.wav, 24000",
        "speech1_16k.opus, speech1_48k.wav, 48000", "speech1_48k.opus, speech1_16k.wav, 16000"})
    void libopusFilesDecodeToTheirSourceEnergyAndLength(String opus, String wav, int rate) {
        short[] source = Signals.wav(wav).samples();
        short[] decoded = OggOpusDecoder.decodeAll(Signals.open(opus), rate).samples();
        assertEquals(source.length, decoded.length, 1, "the final granule position trims to the source length");
        double energyDb = db(power(decoded) / power(source));
        assertTrue(Math.abs(energyDb) < 1.5, "decoded energy differs by " + energyDb + " dB");
        double snr = Signals.snr(source, decoded, Signals.delay(source, decoded, rate / 100));
        assertTrue(snr > 8, "SNR " + snr + " dB");
    }

    @Test
    void at16kHzOurDecodeIsCloseToLibopusOwn() {
        short[] libopus = Signals.wav("speech1_16k.opusdec-16k.wav").samples();
        short[] ours = OggOpusDecoder.decodeAll(Signals.open("speech1_16k.opus"), 16_000).samples();
        assertEquals(libopus.length, ours.length);
        double snr = Signals.snr(libopus, ours, 0);
        assertTrue(snr > 40, "SNR against opusdec " + snr + " dB");
    }

    @Test
    void theHeadersOfALibopusFileAreRead() {
        OggOpusReader reader = new OggOpusReader(Signals.open("speech1_48k.opus"));
        assertEquals(new OpusHead(1, 312, 48_000, 0), reader.head());
        assertTrue(reader.vendor().startsWith("libopus 1.3.1"), reader.vendor());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"speech1_16k.wav", "speech1_24k.wav", "speech1_48k.wav"})
    void whatWeWriteReadsBackWithTheRightDurationAndEnergy(String wav) {
        Pcm source = Signals.wav(wav);
        byte[] ogg = encode(source, OpusSettings.voice());
        OggOpusReader reader = new OggOpusReader(new ByteArrayInputStream(ogg));
        assertEquals(new OpusHead(1, 312, source.sampleRate(), 0), reader.head());
        assertEquals("voice-gateway", reader.vendor());
        Pcm decoded = OggOpusDecoder.decodeAll(new ByteArrayInputStream(ogg), source.sampleRate());
        assertEquals(source.frames(), decoded.frames());
        double energyDb = db(power(decoded.samples()) / power(source.samples()));
        assertTrue(Math.abs(energyDb) < 1.5, "decoded energy differs by " + energyDb + " dB");
    }

    @Test
    void aWav44kHzIsEncodedAt48kHzAndKeepsItsDuration() {
        short[] at44k = Resampler.convert(Signals.wav("speech2_16k.wav").samples(), 16_000, 44_100);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        WavWriter.write(Pcm.mono(at44k, 44_100), wav);
        ByteArrayOutputStream ogg = new ByteArrayOutputStream();
        assertEquals(at44k.length, OggOpusEncoder.encodeWav(new ByteArrayInputStream(wav.toByteArray()), ogg, OpusSettings.voice()).samples());
        OggOpusDecoder decoder = new OggOpusDecoder(new ByteArrayInputStream(ogg.toByteArray()), 48_000);
        assertEquals(44_100, decoder.head().inputSampleRate());
        Pcm decoded = OggOpusDecoder.decodeAll(new ByteArrayInputStream(ogg.toByteArray()), 48_000);
        assertEquals(at44k.length * 48_000.0 / 44_100, decoded.frames(), 1);
    }

    @Test
    void pagesFollowRfc7845() {
        byte[] ogg = encode(Signals.wav("speech1_16k.wav"), OpusSettings.voice());
        long previousGranule = -1;
        int pages = 0;
        int flags = 0;
        long granule = 0;
        for (int at = 0; at < ogg.length; pages++) {
            assertEquals("OggS", new String(ogg, at, 4));
            flags = ogg[at + 5];
            granule = longAt(ogg, at + 6);
            int segments = ogg[at + 26] & 0xff;
            int size = 0;
            for (int i = 0; i < segments; i++) {
                size += ogg[at + 27 + i] & 0xff;
            }
            if (pages == 0) {
                assertEquals(0x02, flags, "first page: beginning of stream");
            } else if (pages == 2) {
                assertEquals(50 * 960, granule, "the first second of packets, pre-skip included in them");
            } else if (pages > 2) {
                assertTrue(granule > previousGranule, "granule positions grow");
                assertTrue(granule - previousGranule <= 48_000 + 960, "about a second per page");
            }
            previousGranule = granule;
            at += 27 + segments + size;
        }
        assertEquals(0x04, flags, "last page: end of stream");
        assertEquals(312 + 107_198 * 3, granule, "final granule = pre-skip + source length at 48 kHz");
        assertEquals(2 + 7, pages, "two header pages, 6.7 s in pages of one second");
    }

    @Test
    void aFlippedByteFailsTheCrc() {
        byte[] ogg = Signals.resource("speech1_16k.opus");
        ogg[5000] ^= 0x10;
        MalformedAudioException e = refused(ogg);
        assertEquals("/problems/audio-corrupt", e.problem().type());
        assertTrue(e.getMessage().contains("fails its CRC check"), e.getMessage());
    }

    @Test
    void aCutFileIsTruncated() {
        byte[] ogg = Arrays.copyOf(Signals.resource("speech1_16k.opus"), 9000);
        MalformedAudioException e = refused(ogg);
        assertEquals("/problems/audio-truncated", e.problem().type());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("bytes expected"), e.getMessage());
    }

    @Test
    void aMissingPageIsCorrupt() {
        byte[] ogg = encode(Signals.wav("speech2_16k.wav"), OpusSettings.voice());
        int third = pageStart(ogg, 2);
        int fourth = pageStart(ogg, 3);
        byte[] gap = new byte[ogg.length - (fourth - third)];
        System.arraycopy(ogg, 0, gap, 0, third);
        System.arraycopy(ogg, fourth, gap, third, ogg.length - fourth);
        MalformedAudioException e = refused(gap);
        assertEquals("/problems/audio-corrupt", e.problem().type());
        assertTrue(e.getMessage().contains("pages are missing"), e.getMessage());
    }

    @Test
    void otherBodiesGetTheirProblem() {
        assertProblem(refused(new byte[0]), "audio-empty", 400);
        assertProblem(refused(Signals.resource("speech1_16k.wav")), "audio-unsupported-format", 415);
        assertProblem(refused(Signals.resource("not_audio_text.wav")), "audio-not-audio", 415);
        assertProblem(refused(new byte[]{'O', 'g', 'g', 'Z', 1, 2, 3, 4, 5}), "audio-bad-magic", 400);
        byte[] vorbis = Signals.resource("speech1_16k.opus");
        System.arraycopy("OpusHeaX".getBytes(), 0, vorbis, 28, 8);
        // the CRC is checked first: fix it so that the header check is what fails
        fixCrc(vorbis, 0);
        assertProblem(refused(vorbis), "audio-unsupported-format", 415);
    }

    private static void assertProblem(MalformedAudioException e, String slug, int status) {
        assertEquals("/problems/" + slug, e.problem().type(), e.getMessage());
        assertEquals(status, e.status());
    }

    private static int pageStart(byte[] ogg, int page) {
        int at = 0;
        for (int p = 0; p < page; p++) {
            int segments = ogg[at + 26] & 0xff;
            int size = 0;
            for (int i = 0; i < segments; i++) {
                size += ogg[at + 27 + i] & 0xff;
            }
            at += 27 + segments + size;
        }
        return at;
    }

    private static void fixCrc(byte[] ogg, int page) {
        int at = pageStart(ogg, page);
        int length = pageStart(ogg, page + 1) - at;
        Arrays.fill(ogg, at + 22, at + 26, (byte) 0);
        int crc = OggCrc.update(0, ogg, at, length);
        for (int i = 0; i < 4; i++) {
            ogg[at + 22 + i] = (byte) (crc >> (8 * i));
        }
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }
}
