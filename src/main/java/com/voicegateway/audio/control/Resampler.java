package com.voicegateway.audio.control;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion by a rational factor L/M: a Kaiser-windowed sinc low-pass run
 * as a polyphase filter, so only the taps that meet a real input sample are computed.
 *
 * <p>The low-pass ends its passband at 90 % of the lower of the two Nyquist frequencies and reaches
 * 80 dB attenuation at that Nyquist frequency, so nothing above the target band folds back when
 * downsampling and no images appear when upsampling. The filter's delay is compensated: output
 * sample {@code n} is the input at time {@code n * in/out}, so a stream resampled and resampled back
 * lines up with the original (needed for the SNR and trimming arithmetic of the codec). The price is
 * a lookahead of half the filter (about 3 ms); {@link #flush()} releases it at the end.
 *
 * <p>Streaming: {@link #process} takes blocks of any size and keeps the history it needs. The total
 * output over a stream is exactly {@code ceil(inputSamples * out / in)}. One instance per stream;
 * not thread-safe.
 */
public final class Resampler {

    private static final double STOPBAND_DB = 80;
    private static final double PASSBAND_FRACTION = 0.9;
    /** Beyond this many phases the coefficient table outgrows its use (rates with no common factor). */
    private static final int MAX_PHASES = 1024;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int tapsPerPhase;
    /** Polyphase table: phase p's taps at {@code p * tapsPerPhase}, newest input first. */
    private final float[] taps;
    /** Delay of the prototype filter in samples of the upsampled (L * in) rate. */
    private final long center;

    private float[] history;
    /** Absolute index of {@code history[0]} in the input stream. */
    private long historyStart;
    private long inputCount;
    private long outputCount;
    private boolean flushed;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, were " + inRate + " and " + outRate);
        }
        int gcd = gcd(inRate, outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        this.up = outRate / gcd;
        this.down = inRate / gcd;
        if (up > MAX_PHASES) {
            throw new IllegalArgumentException("cannot resample " + inRate + " Hz to " + outRate
                    + " Hz: the ratio " + up + "/" + down + " needs more than " + MAX_PHASES + " filter phases");
        }
        if (up == down) {
            tapsPerPhase = 0;
            taps = new float[0];
            center = 0;
        } else {
            double highRate = (double) inRate * up;
            double nyquist = Math.min(inRate, outRate) / 2.0;
            double passEdge = nyquist * PASSBAND_FRACTION;
            double transition = 2 * Math.PI * (nyquist - passEdge) / highRate;
            int length = (int) Math.ceil((STOPBAND_DB - 8) / (2.285 * transition)) + 1;
            tapsPerPhase = (length + up - 1) / up;
            center = (tapsPerPhase * up - 1) / 2;
            taps = polyphase(kaiserSinc((int) center, (passEdge + nyquist) / 2 / highRate, up), up, tapsPerPhase);
        }
        history = new float[Math.max(64, 2 * tapsPerPhase)];
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Resamples the next block of the stream; returns the output samples that are complete so far. */
    public short[] process(short[] input, int offset, int length) {
        if (flushed) {
            throw new IllegalStateException("the stream was flushed");
        }
        if (up == down) {
            inputCount += length;
            outputCount += length;
            return Arrays.copyOfRange(input, offset, offset + length);
        }
        append(input, offset, length);
        inputCount += length;
        return produce(outputsFor(inputCount));
    }

    public short[] process(short[] input) {
        return process(input, 0, input.length);
    }

    /** Ends the stream: returns the samples held back as lookahead, treating the input after it as silence. */
    public short[] flush() {
        if (flushed) {
            throw new IllegalStateException("the stream was already flushed");
        }
        flushed = true;
        if (up == down) {
            return new short[0];
        }
        long total = ceilDiv(inputCount * up, down);
        return produce(total);
    }

    /** Whole resampling of a finished signal: {@code process} then {@code flush}. */
    public static short[] convert(short[] input, int inRate, int outRate) {
        Resampler resampler = new Resampler(inRate, outRate);
        short[] head = resampler.process(input);
        short[] tail = resampler.flush();
        short[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** How many outputs have all the input they need once {@code available} input samples are known. */
    private long outputsFor(long available) {
        // output n needs input index (n * down + center) / up, which must be < available
        long lastUsable = available * up - 1 - center;
        return lastUsable < 0 ? 0 : lastUsable / down + 1;
    }

    private short[] produce(long untilOutput) {
        int count = (int) Math.max(0, untilOutput - outputCount);
        short[] out = new short[count];
        for (int k = 0; k < count; k++) {
            long position = outputCount * down + center;
            long newest = position / up;
            int phase = (int) (position % up);
            out[k] = toShort(dot(newest, phase));
            outputCount++;
        }
        discardBefore(outputCount * down + center);
        return out;
    }

    /** One output: the phase's taps against the input, newest first; input outside the stream is silence. */
    private double dot(long newest, int phase) {
        int base = phase * tapsPerPhase;
        int first = (int) Math.max(0, newest - inputCount + 1);
        int last = (int) Math.min(tapsPerPhase - 1, newest);
        int newestAt = (int) (newest - historyStart);
        double sum = 0;
        for (int t = first; t <= last; t++) {
            sum += taps[base + t] * history[newestAt - t];
        }
        return sum;
    }

    private void append(short[] input, int offset, int length) {
        int used = (int) (inputCount - historyStart);
        if (used + length > history.length) {
            history = Arrays.copyOf(history, Math.max(history.length * 2, used + length));
        }
        for (int i = 0; i < length; i++) {
            history[used + i] = input[offset + i];
        }
    }

    /** Drops input older than every tap the next output will read. */
    private void discardBefore(long nextPosition) {
        long keepFrom = Math.max(historyStart, nextPosition / up - tapsPerPhase + 1);
        keepFrom = Math.min(keepFrom, inputCount);
        int drop = (int) (keepFrom - historyStart);
        if (drop > 0) {
            int used = (int) (inputCount - historyStart);
            System.arraycopy(history, drop, history, 0, used - drop);
            historyStart = keepFrom;
        }
    }

    private static short toShort(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    /** Symmetric low-pass of length 2 * half + 1 at the upsampled rate, gain {@code up} for the zeros stuffed in. */
    private static double[] kaiserSinc(int half, double cutoff, int gain) {
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double norm = besselI0(beta);
        double[] h = new double[2 * half + 1];
        for (int i = 0; i < h.length; i++) {
            double x = i - half;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double r = half == 0 ? 0 : x / half;
            h[i] = gain * sinc * besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
        }
        return h;
    }

    private static float[] polyphase(double[] prototype, int up, int tapsPerPhase) {
        float[] table = new float[up * tapsPerPhase];
        for (int phase = 0; phase < up; phase++) {
            for (int t = 0; t < tapsPerPhase; t++) {
                int j = phase + t * up;
                table[phase * tapsPerPhase + t] = j < prototype.length ? (float) prototype[j] : 0f;
            }
        }
        return table;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
