package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.SpeechReply;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The speech the emulator answers with: a real recording (espeak-ng, 6.7 s) shipped in the WAR as
 * {@value #RESOURCE} and read once through the class loader. A reply of any length is this
 * recording looped or cut, so clients decode, measure and play real speech, not a test tone.
 */
@ApplicationScoped
public class SpeechRecording {

    static final String RESOURCE = "emulator/speech1_24k.wav";

    private byte[] pcm;

    @PostConstruct
    void load() {
        try (InputStream in = SpeechRecording.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            pcm = pcmOf(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Samples of the recording as 16-bit little-endian PCM. */
    public int samples() {
        return pcm.length / 2;
    }

    /** {@code count} samples starting at sample {@code first} of the endlessly looped recording. */
    public byte[] pcm(long first, int count) {
        byte[] out = new byte[count * 2];
        int written = 0;
        int from = (int) (first % samples()) * 2;
        while (written < out.length) {
            int run = Math.min(out.length - written, pcm.length - from);
            System.arraycopy(pcm, from, out, written, run);
            written += run;
            from = 0;
        }
        return out;
    }

    /** The data chunk of a mono 16-bit PCM WAV at the speech models' 24 kHz; anything else is a packaging error. */
    static byte[] pcmOf(byte[] wav) {
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        boolean shape = wav.length >= 44 && header.getInt(0) == 0x46464952 && header.getInt(8) == 0x45564157
                && header.getInt(12) == 0x20746d66;
        if (!shape || header.getShort(20) != 1 || header.getShort(22) != 1 || header.getInt(24) != SpeechReply.SAMPLE_RATE
                || header.getShort(34) != 16) {
            throw new IllegalStateException(RESOURCE + " must be a mono 16-bit PCM WAV at 24 kHz");
        }
        int at = 20 + header.getInt(16);
        while (at + 8 <= wav.length && header.getInt(at) != 0x61746164) {
            at += 8 + header.getInt(at + 4);
        }
        if (at + 8 > wav.length) {
            throw new IllegalStateException(RESOURCE + " has no data chunk");
        }
        int size = Math.min(header.getInt(at + 4), wav.length - at - 8) & ~1;
        byte[] samples = new byte[size];
        System.arraycopy(wav, at + 8, samples, 0, size);
        return samples;
    }
}
