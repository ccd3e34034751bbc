package com.voicegateway.audio.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.audio.entity.MalformedAudioException;
import com.voicegateway.audio.entity.Pcm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavReaderTest {

    private static MalformedAudioException refused(byte[] body) {
        return assertThrows(MalformedAudioException.class, () -> WavReader.readAll(new ByteArrayInputStream(body)));
    }

    private static void assertProblem(MalformedAudioException e, String slug, int status, String... inDetail) {
        assertEquals("/problems/" + slug, e.problem().type(), e.getMessage());
        assertEquals(status, e.status());
        for (String part : inDetail) {
            assertTrue(e.getMessage().contains(part), "detail lacks '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void readsTheCorpusSpeech() {
        Pcm pcm = Signals.wav("speech1_16k.wav");
        assertEquals(16000, pcm.sampleRate());
        assertEquals((214_440 - 44) / 2, pcm.frames());
        assertEquals(6.699875, pcm.duration().toNanos() / 1e9, 1e-6);
        assertTrue(Signals.power(pcm.samples()) > 1e5, "speech has energy");
    }

    @Test
    void silenceIsValidAudio() {
        Pcm pcm = Signals.wav("silence_2s_16k.wav");
        assertEquals(32_000, pcm.frames());
        // not all zero as the corpus README says: sox left +-1 LSB of dither in it
        assertTrue(Signals.power(pcm.samples()) < 1, "below -90 dBFS");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "empty_0bytes.wav, audio-empty, 400, empty (0 bytes)",
        "bad_magic_header.wav, audio-bad-magic, 400, found 'RIFZ' and 'WAVX'",
        "not_audio_text.wav, audio-not-audio, 415, the body is text",
        "truncated_16k.wav, audio-truncated, 400, declares 220332 bytes",
        "wrong_header_rate_16k_as_44k_stereo.wav, audio-inconsistent-header, 400, looks like interleaved mono"})
    void everyMalformedCorpusFileGetsItsProblem(String file, String slug, int status, String inDetail) {
        assertProblem(refused(Signals.resource(file)), slug, status, inDetail);
    }

    @Test
    void truncationNamesBothByteCounts() {
        MalformedAudioException e = refused(Signals.resource("truncated_16k.wav"));
        assertProblem(e, "audio-truncated", 400, "220332 bytes", "after 32000", "6.885 s", "1.000 s");
    }

    @Test
    void theWrongHeaderIsCaughtBeforeAnySampleIsHandedOut() {
        assertThrows(MalformedAudioException.class,
                () -> new WavReader(Signals.open("wrong_header_rate_16k_as_44k_stereo.wav")));
    }

    @Test
    void dualMonoStereoIsAcceptedAndDownmixed() {
        short[] speech = Signals.wav("speech2_16k.wav").samples();
        Pcm pcm = WavReader.readAll(new ByteArrayInputStream(stereo(speech, speech, 16000)));
        assertArrayEquals(speech, pcm.samples());
    }

    @ParameterizedTest(name = "right channel = left delayed {0} samples, gain {1}")
    @CsvSource({"1, 1.0", "-1, 1.0", "3, 0.7", "12, 0.5", "0, 0.5"})
    void genuineStereoOfOneVoiceIsAccepted(int delay, double gain) {
        short[] left = Resampler.convert(Signals.wav("speech2_16k.wav").samples(), 16000, 44100);
        short[] right = new short[left.length];
        for (int i = 0; i < right.length; i++) {
            int j = i - delay;
            right[i] = j >= 0 && j < left.length ? (short) (gain * left[j]) : 0;
        }
        Pcm pcm = WavReader.readAll(new ByteArrayInputStream(stereo(left, right, 44100)));
        assertEquals(left.length, pcm.frames());
        assertEquals((short) ((left[5000] + right[5000]) >> 1), pcm.samples()[5000]);
    }

    @Test
    void independentChannelsAreAccepted() {
        short[] left = Signals.wav("speech1_16k.wav").samples();
        short[] right = Arrays.copyOf(Signals.wav("speech2_16k.wav").samples(), left.length);
        assertEquals(left.length, WavReader.readAll(new ByteArrayInputStream(stereo(left, right, 16000))).frames());
    }

    @Test
    void interleavedMonoUnderAnySynthesizedStereoHeaderIsRefused() {
        short[] mono = Signals.wav("speech1_48k.wav").samples();
        short[] left = new short[mono.length / 2];
        short[] right = new short[mono.length / 2];
        for (int i = 0; i < left.length; i++) {
            left[i] = mono[2 * i];
            right[i] = mono[2 * i + 1];
        }
        assertProblem(refused(stereo(left, right, 24000)), "audio-inconsistent-header", 400, "48000 Hz mono");
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({"8", "24", "32"})
    void otherIntegerWidthsBecome16Bit(int bits) {
        short[] expected = {0, 256, -256, 32512, -32768, 1024};
        WavBytes w = WavBytes.riff().pcmFmt(1, 16000, bits).dataHeader(expected.length * bits / 8L);
        for (short s : expected) {
            switch (bits) {
                case 8 -> w.bytes((s >> 8) + 128);
                case 24 -> w.bytes(0x7f, s & 0xff, (s >> 8) & 0xff);
                default -> w.bytes(0x12, 0x7f, s & 0xff, (s >> 8) & 0xff);
            }
        }
        assertArrayEquals(expected, WavReader.readAll(new ByteArrayInputStream(w.build())).samples());
    }

    @Test
    void extensiblePcmIsAcceptedAndUnknownChunksAreSkipped() {
        byte[] body = WavBytes.riff().chunk("LIST", new byte[]{1, 2, 3}).extensibleFmt(1, 24000, 16, 1)
                .chunk("fact", new byte[4]).data(new short[]{1, 2, 3, -4}).build();
        Pcm pcm = WavReader.readAll(new ByteArrayInputStream(body));
        assertEquals(24000, pcm.sampleRate());
        assertArrayEquals(new short[]{1, 2, 3, -4}, pcm.samples());
    }

    @Test
    void aByteAtATimeStreamReadsTheSameSamples() {
        byte[] file = Signals.resource("speech2_16k.wav");
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };
        assertArrayEquals(Signals.wav("speech2_16k.wav").samples(), WavReader.readAll(trickle).samples());
    }

    @Test
    void streamedWavWithUnknownLengthReadsToTheEnd() {
        byte[] body = WavBytes.riff().pcmFmt(1, 8000, 16).dataHeader(0xFFFF_FFFFL).int16(5).int16(-5).int16(7).build();
        assertArrayEquals(new short[]{5, -5, 7}, WavReader.readAll(new ByteArrayInputStream(body)).samples());
    }

    @Test
    void floatIsRefusedAsUnsupported() {
        assertProblem(refused(WavBytes.riff().fmt(3, 1, 16000, 64000, 4, 32).data(new short[4]).build()),
                "audio-unsupported-format", 415, "IEEE float");
        assertProblem(refused(WavBytes.riff().extensibleFmt(1, 16000, 32, 3).data(new short[4]).build()),
                "audio-unsupported-format", 415, "IEEE float");
    }

    @Test
    void byteRateContradictingTheFormatIsInconsistent() {
        assertProblem(refused(WavBytes.riff().fmt(1, 1, 16000, 44100, 2, 16).data(new short[4]).build()),
                "audio-inconsistent-header", 400, "byte rate is 44100", "32000");
    }

    @Test
    void blockAlignContradictingTheFormatIsInconsistent() {
        assertProblem(refused(WavBytes.riff().fmt(1, 2, 16000, 64000, 2, 16).data(new short[4]).build()),
                "audio-inconsistent-header", 400, "block align is 2", "need 4");
    }

    @Test
    void dataBeforeFmtIsInconsistent() {
        assertProblem(refused(WavBytes.riff().data(new short[4]).pcmFmt(1, 16000, 16).build()),
                "audio-inconsistent-header", 400, "before any fmt chunk");
    }

    @Test
    void partialFramesAreInconsistent() {
        assertProblem(refused(WavBytes.riff().pcmFmt(2, 16000, 16).dataHeader(6).int16(1).int16(2).int16(3).build()),
                "audio-inconsistent-header", 400, "not a whole number of 4-byte frames");
    }

    @Test
    void unsupportedShapesAre415() {
        assertProblem(refused(WavBytes.riff().pcmFmt(6, 48000, 16).data(new short[12]).build()),
                "audio-unsupported-format", 415, "6 channels");
        assertProblem(refused(WavBytes.riff().pcmFmt(1, 96000, 16).data(new short[12]).build()),
                "audio-unsupported-format", 415, "96000 Hz");
        assertProblem(refused(WavBytes.riff().pcmFmt(1, 16000, 12).data(new short[12]).build()),
                "audio-unsupported-format", 415, "12-bit");
    }

    @Test
    void aHeaderWithoutDataIsTruncatedAndNoSamplesIsEmpty() {
        assertProblem(refused(WavBytes.riff().pcmFmt(1, 16000, 16).build()), "audio-truncated", 400, "without a data chunk");
        assertProblem(refused(WavBytes.riff().pcmFmt(1, 16000, 16).dataHeader(0).build()), "audio-empty", 400, "no samples");
        assertProblem(refused("RIFF".getBytes()), "audio-truncated", 400, "shorter than a RIFF header");
    }

    @Test
    void otherFormatsAreNamed() {
        assertProblem(refused(Signals.resource("speech1_16k.opus")), "audio-unsupported-format", 415, "an Ogg stream");
        assertProblem(refused(new byte[]{'f', 'L', 'a', 'C', 0, 0, 0, 34}), "audio-unsupported-format", 415, "FLAC");
    }

    @Test
    void writerOutputReadsBackIdentically() {
        short[] speech = Signals.wav("speech1_24k.wav").samples();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(Pcm.mono(speech, 24000), out);
        assertEquals(44 + speech.length * 2, out.size());
        assertArrayEquals(Signals.resource("speech1_24k.wav"), out.toByteArray(), "same bytes as sox's 44-byte WAV");
    }

    @Test
    void writerRefusesADifferentLengthThanDeclared() {
        WavWriter writer = new WavWriter(new ByteArrayOutputStream(), 16000, 1, 10);
        writer.write(new short[4], 0, 4);
        assertThrows(IllegalStateException.class, writer::finish);
        assertThrows(IllegalStateException.class, () -> writer.write(new short[7], 0, 7));
    }

    private static byte[] stereo(short[] left, short[] right, int rate) {
        short[] interleaved = new short[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = right[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(new Pcm(interleaved, rate, 2), out);
        return out.toByteArray();
    }
}
