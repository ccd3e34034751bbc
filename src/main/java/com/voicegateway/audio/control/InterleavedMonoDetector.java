package com.voicegateway.audio.control;

/**
 * Tells a real stereo signal from mono samples that a wrong header calls stereo (a recorder that
 * wrote a 16 kHz mono stream under a 44.1 kHz stereo header: consistent in itself, wrong about the
 * data). Read as one sequence z = L0 R0 L1 R1 ..., interleaved mono is one smooth signal, so:
 * <ul>
 * <li>L[i]-R[i] and R[i]-L[i+1] are both neighbours in z and correlate about equally, and</li>
 * <li>both correlate clearly better than L[i]-L[i+1] or R[i]-R[i+1], which are two apart in z.</li>
 * </ul>
 * True stereo fails at least one: identical channels give corr(L[i],R[i]) = 1 but
 * corr(R[i],L[i+1]) = corr(L[i],L[i+1]); a delay or independent channels make the cross terms
 * weaker than each channel's own neighbour. The one stereo signal it cannot tell apart is a channel
 * pair exactly half a sample apart, which is indistinguishable from mono at twice the rate anyway.
 */
final class InterleavedMonoDetector {

    /** The correlations the verdict rests on, for the problem detail and for tests. */
    record Verdict(boolean interleavedMono, double sameInstant, double nextInstant, double ownNeighbour) {
    }

    /** Below this RMS (about -60 dBFS) the correlations say nothing: the data is taken as it is. */
    private static final double MIN_RMS = 32;
    /**
     * How much better than each channel's own neighbour both cross correlations must be, as a part of
     * what separates the neighbour from 1 (so the test holds for smooth and for rough signals alike:
     * for interleaved mono it is about 0.75).
     */
    private static final double MARGIN = 0.3;
    /** How far apart the two cross correlations may be, as a part of what separates them from 1. */
    private static final double BALANCE = 0.2;

    private InterleavedMonoDetector() {
    }

    static Verdict judge(short[] left, short[] right, int frames) {
        if (frames < 64 || rms(left, frames) < MIN_RMS || rms(right, frames) < MIN_RMS) {
            return new Verdict(false, Double.NaN, Double.NaN, Double.NaN);
        }
        double same = correlation(left, 0, right, 0, frames);
        double next = correlation(right, 0, left, 1, frames - 1);
        double own = Math.max(correlation(left, 0, left, 1, frames - 1), correlation(right, 0, right, 1, frames - 1));
        double weaker = Math.min(same, next);
        boolean smoother = weaker - own > MARGIN * (1 - own);
        boolean balanced = Math.abs(same - next) < BALANCE * (1 - weaker);
        return new Verdict(smoother && balanced, same, next, own);
    }

    private static double correlation(short[] a, int aFrom, short[] b, int bFrom, int n) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aFrom + i];
            double y = b[bFrom + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    private static double rms(short[] a, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) a[i] * a[i];
        }
        return Math.sqrt(sum / n);
    }
}
