package com.voicegateway.audio.entity;

/**
 * What a WAV header declares, after the reader has checked it. {@code dataBytes} is -1 for a
 * streamed file whose writer could not know the length (data size 0xFFFFFFFF).
 */
public record WavFormat(int sampleRate, int channels, int bitsPerSample, long dataBytes) {

    public int blockAlign() {
        return channels * bitsPerSample / 8;
    }

    /** Frames the data chunk holds, or -1 when its length is not known. */
    public long frames() {
        return dataBytes < 0 ? -1 : dataBytes / blockAlign();
    }
}
