package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.audio.entity.Pcm;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A short clip encoded as one Ogg/Opus stream by two encoders at once, one per core: an Opus encoder
 * is sequential (each frame predicts from the last), so this is the only way to finish a single
 * upload in about half the time, which is what a voice turn waits for.
 *
 * <p>The two halves meet at a frame boundary {@code k} where the audio is quietest. Encoder A takes
 * frames {@code [0, k)} and its {@code k} packets decode (after the pre-skip) to
 * {@code [0, kF - L)}, {@code L} being the encoder's lookahead; encoder B starts fresh at {@code kF},
 * and the first {@code L} samples it decodes to are its warm-up, which land on {@code [kF - L, kF)}.
 * So the timeline is exact, and the only audio replaced is {@code L} samples (6.5 ms) at the
 * quietest point near the middle; B's first frame also starts without A's prediction state. Both
 * are inaudible in a pause of speech, and a model hearing the audio does not notice either.
 */
public final class HalvedOpusEncoding {

    /** Shorter than this (in frames) is not worth two encoders. */
    static final int MIN_FRAMES = 50;

    private HalvedOpusEncoding() {
    }

    /** Where codec work runs: starts it and returns a way to wait for its result. */
    @FunctionalInterface
    public interface Threads {
        <T> Callable<T> submit(Callable<T> work);
    }

    /**
     * Encodes {@code pcm} into {@code out}. The resampling and both halves run on {@code threads};
     * the calling thread only splits and writes the Ogg pages, and must not be one of those threads
     * (it waits for both halves).
     */
    public static OggOpusEncoder.Encoded encode(Pcm pcm, OpusSettings settings, OutputStream out, Threads threads) throws Exception {
        int opusRate = OggOpusEncoder.opusRateFor(pcm.sampleRate());
        short[] samples = pcm.sampleRate() == opusRate ? pcm.samples()
                : threads.submit(() -> Resampler.convert(pcm.samples(), pcm.sampleRate(), opusRate)).call();
        OpusEncoderStream first = new OpusEncoderStream(opusRate, settings);
        OpusEncoderStream second = new OpusEncoderStream(opusRate, settings);
        int frame = settings.frameSamples(opusRate);
        int lookahead = first.preSkip() / (48_000 / opusRate);
        int split = splitFrame(samples, frame, lookahead) * frame;
        Callable<List<byte[]>> firstHalf = threads.submit(() -> first.encode(samples, 0, split));
        Callable<List<byte[]>> secondHalf = threads.submit(() -> {
            List<byte[]> packets = new ArrayList<>(second.encode(samples, split, samples.length - split));
            packets.addAll(second.finish());
            return packets;
        });
        OggOpusWriter writer = new OggOpusWriter(out, pcm.sampleRate(), first.preSkip(), (int) System.nanoTime());
        for (byte[] packet : firstHalf.call()) {
            writer.write(packet);
        }
        for (byte[] packet : secondHalf.call()) {
            writer.write(packet);
        }
        writer.finish((long) samples.length * (48_000 / opusRate));
        return new OggOpusEncoder.Encoded(pcm.samples().length, pcm.sampleRate());
    }

    /** Whether a clip of this many samples at this rate is worth two encoders. */
    public static boolean worthIt(long samples, int sampleRate, OpusSettings settings) {
        int opusRate = OggOpusEncoder.opusRateFor(sampleRate);
        return samples * opusRate / sampleRate >= (long) MIN_FRAMES * settings.frameSamples(opusRate);
    }

    /**
     * The frame boundary between 40 % and 60 % of the clip whose surroundings (the {@code lookahead}
     * samples replaced, and a frame on either side) hold the least energy: near enough the middle
     * that neither half takes much longer than the other (the slower half is what the caller waits
     * for), wide enough to hold a pause of speech.
     */
    static int splitFrame(short[] samples, int frame, int lookahead) {
        int frames = samples.length / frame;
        int best = frames / 2;
        double quietest = Double.MAX_VALUE;
        for (int k = Math.max(2, frames * 2 / 5); k <= Math.min(frames - 2, frames * 3 / 5); k++) {
            double energy = 0;
            for (int i = Math.max(0, k * frame - lookahead - frame); i < Math.min(samples.length, k * frame + frame); i++) {
                energy += (double) samples[i] * samples[i];
            }
            if (energy < quietest) {
                quietest = energy;
                best = k;
            }
        }
        return best;
    }
}
