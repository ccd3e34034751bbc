package com.voicegateway.audio.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, so that tests can make each header defect on purpose. */
final class WavBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static WavBytes riff() {
        WavBytes w = new WavBytes();
        w.ascii("RIFF").int32(0).ascii("WAVE");
        return w;
    }

    /** A plain PCM fmt chunk with byte rate and block align as given. */
    WavBytes fmt(int tag, int channels, int rate, int byteRate, int blockAlign, int bits) {
        return ascii("fmt ").int32(16).int16(tag).int16(channels).int32(rate).int32(byteRate).int16(blockAlign).int16(bits);
    }

    WavBytes pcmFmt(int channels, int rate, int bits) {
        int align = channels * bits / 8;
        return fmt(1, channels, rate, rate * align, align, bits);
    }

    WavBytes extensibleFmt(int channels, int rate, int bits, int subformat) {
        int align = channels * bits / 8;
        ascii("fmt ").int32(40).int16(0xFFFE).int16(channels).int32(rate).int32(rate * align).int16(align).int16(bits);
        int16(22).int16(bits).int32(channels == 1 ? 4 : 3).int16(subformat);
        return bytes(0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71);
    }

    WavBytes chunk(String id, byte[] body) {
        ascii(id).int32(body.length);
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
        return this;
    }

    WavBytes data(short[] samples) {
        ascii("data").int32(samples.length * 2);
        for (short s : samples) {
            int16(s);
        }
        return this;
    }

    WavBytes dataHeader(long size) {
        return ascii("data").int32((int) size);
    }

    WavBytes bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    WavBytes ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    WavBytes int16(int v) {
        out.write(v);
        out.write(v >> 8);
        return this;
    }

    WavBytes int32(int v) {
        return int16(v).int16(v >> 16);
    }

    byte[] build() {
        byte[] b = out.toByteArray();
        int riffSize = b.length - 8;
        b[4] = (byte) riffSize;
        b[5] = (byte) (riffSize >> 8);
        b[6] = (byte) (riffSize >> 16);
        b[7] = (byte) (riffSize >> 24);
        return b;
    }
}
