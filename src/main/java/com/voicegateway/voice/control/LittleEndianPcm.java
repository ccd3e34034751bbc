package com.voicegateway.voice.control;

import java.util.Arrays;

/**
 * 16-bit little-endian PCM bytes, as Gemini streams speech, to samples. Chunks may split a sample
 * (an odd length): its first byte is kept for the next chunk. Not thread-safe: one per stream.
 */
final class LittleEndianPcm {

    private int carry = -1;

    short[] next(byte[] bytes) {
        short[] samples = new short[(bytes.length + (carry >= 0 ? 1 : 0)) / 2];
        int at = 0;
        int from = 0;
        if (carry >= 0 && bytes.length > 0) {
            samples[at++] = (short) (carry | (bytes[0] << 8));
            from = 1;
            carry = -1;
        }
        for (; from + 1 < bytes.length; from += 2) {
            samples[at++] = (short) ((bytes[from] & 0xff) | (bytes[from + 1] << 8));
        }
        if (from < bytes.length) {
            carry = bytes[from] & 0xff;
        }
        return at == samples.length ? samples : Arrays.copyOf(samples, at);
    }

    /** Whether half a sample is still waiting for its second byte. */
    boolean pending() {
        return carry >= 0;
    }
}
