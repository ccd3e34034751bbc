package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.Pcm;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes 16-bit PCM as a canonical 44-byte-header WAV. The header carries the length, so a stream is
 * written as it goes when the length is known in advance; {@link #finish()} checks that exactly that
 * many samples came. Not thread-safe.
 */
public final class WavWriter {

    private final OutputStream out;
    private final long samples;
    private long written;
    private byte[] buffer = new byte[0];

    /**
     * Writes the header.
     *
     * @param frames samples per channel that will follow
     */
    public WavWriter(OutputStream out, int sampleRate, int channels, long frames) {
        long dataBytes = frames * channels * 2;
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException(frames + " frames do not fit a WAV file (4 GiB)");
        }
        this.out = out;
        this.samples = frames * channels;
        byte[] header = new byte[44];
        ascii(header, 0, "RIFF");
        putInt(header, 4, (int) (36 + dataBytes));
        ascii(header, 8, "WAVE");
        ascii(header, 12, "fmt ");
        putInt(header, 16, 16);
        putShort(header, 20, 1);
        putShort(header, 22, channels);
        putInt(header, 24, sampleRate);
        putInt(header, 28, sampleRate * channels * 2);
        putShort(header, 32, channels * 2);
        putShort(header, 34, 16);
        ascii(header, 36, "data");
        putInt(header, 40, (int) dataBytes);
        emit(header, header.length);
    }

    public static void write(Pcm pcm, OutputStream out) {
        WavWriter writer = new WavWriter(out, pcm.sampleRate(), pcm.channels(), pcm.frames());
        writer.write(pcm.samples(), 0, pcm.samples().length);
        writer.finish();
    }

    /** Writes interleaved samples. */
    public void write(short[] pcm, int offset, int length) {
        if (written + length > samples) {
            throw new IllegalStateException("the header declared " + samples + " samples; " + (written + length)
                    + " would exceed it");
        }
        if (buffer.length < length * 2) {
            buffer = new byte[length * 2];
        }
        for (int i = 0; i < length; i++) {
            buffer[2 * i] = (byte) pcm[offset + i];
            buffer[2 * i + 1] = (byte) (pcm[offset + i] >> 8);
        }
        emit(buffer, length * 2);
        written += length;
    }

    /** Checks the declared length was met and flushes; the caller owns and closes the stream. */
    public void finish() {
        if (written != samples) {
            throw new IllegalStateException("the header declared " + samples + " samples, " + written + " were written");
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("flushing the WAV stream failed", e);
        }
    }

    private void emit(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the WAV stream failed", e);
        }
    }

    private static void ascii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            b[at + i] = (byte) s.charAt(i);
        }
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void putInt(byte[] b, int at, int v) {
        putShort(b, at, v);
        putShort(b, at + 2, v >> 16);
    }
}
