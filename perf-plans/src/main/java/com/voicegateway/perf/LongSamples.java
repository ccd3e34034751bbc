package com.voicegateway.perf;

import java.util.Arrays;

/**
 * A growable list of nanosecond samples with nearest-rank percentiles (the smallest sample with at least p% at or
 * below it), like {@link PhaseResult}: every sample kept, no histogram. Not thread-safe: one writer, or a lock.
 */
final class LongSamples {

    private long[] values = new long[256];
    private int size;
    private boolean sorted = true;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sorted = false;
    }

    void addAll(LongSamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int size() {
        return size;
    }

    /** Nearest-rank percentile in milliseconds; NaN if empty. */
    double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.max(1, Math.min(rank, size)) - 1] / 1e6;
    }

    double maxMs() {
        return percentileMs(100);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
