package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.OpusSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Mono PCM16 at any rate to an Ogg/Opus stream, written as it goes: resamples to the nearest Opus
 * rate at or above the input (44.1 kHz to 48 kHz, 22.05 kHz to 24 kHz; none for 8/12/16/24/48 kHz),
 * encodes with {@link OpusEncoderStream} and frames with {@link OggOpusWriter}. The OpusHead records
 * the original rate. One instance per stream; not thread-safe.
 */
public final class OggOpusEncoder {

    private static final int[] OPUS_RATES = {8_000, 12_000, 16_000, 24_000, 48_000};

    private final Resampler resampler;
    private final OpusEncoderStream encoder;
    private final OggOpusWriter writer;
    private final int opusRate;

    public OggOpusEncoder(OutputStream out, int inputRate, OpusSettings settings) {
        opusRate = opusRateFor(inputRate);
        resampler = new Resampler(inputRate, opusRate);
        encoder = new OpusEncoderStream(opusRate, settings);
        writer = new OggOpusWriter(out, inputRate, encoder.preSkip(), (int) System.nanoTime());
    }

    /** What {@link #encodeWav} encoded: samples at the WAV's own rate. */
    public record Encoded(long samples, int sampleRate) {
        public long durationMillis() {
            return samples * 1000 / sampleRate;
        }
    }

    /** Encodes a WAV body into {@code out}. */
    public static Encoded encodeWav(InputStream wav, OutputStream out, OpusSettings settings) {
        WavReader reader = new WavReader(wav);
        OggOpusEncoder encoder = new OggOpusEncoder(out, reader.sampleRate(), settings);
        short[] block = new short[reader.sampleRate() / 10];
        long total = 0;
        for (int n = reader.read(block, 0, block.length); n >= 0; n = reader.read(block, 0, block.length)) {
            encoder.write(block, 0, n);
            total += n;
        }
        encoder.finish();
        return new Encoded(total, reader.sampleRate());
    }

    /** The rate Opus encodes at for this stream. */
    public int opusRate() {
        return opusRate;
    }

    public void write(short[] pcm, int offset, int length) {
        writeAll(encoder.encode(resampler.process(pcm, offset, length)));
    }

    /** Encodes what the resampler and the last frame hold, and writes the end-of-stream page. */
    public void finish() {
        writeAll(encoder.encode(resampler.flush()));
        writeAll(encoder.finish());
        writer.finish(encoder.inputSamples() * (48_000 / opusRate));
    }

    private void writeAll(List<byte[]> packets) {
        for (byte[] packet : packets) {
            writer.write(packet);
        }
    }

    static int opusRateFor(int inputRate) {
        for (int rate : OPUS_RATES) {
            if (rate >= inputRate) {
                return rate;
            }
        }
        throw new IllegalArgumentException("Opus encodes at most 48000 Hz; the input is " + inputRate + " Hz");
    }
}
