package com.voicegateway.monitoring.entity;

import java.util.List;
import java.util.Locale;

/**
 * What the post-GC heap samples of the window say: the latest figure, the growth per minute
 * (least-squares slope over the window) and whether it looks like a leak. A leak is suspected
 * only when both hold: the post-GC heap rose in each of the last {@code leakSamples} samples (what
 * survives collection keeps growing, not a sawtooth of garbage), and the latest is above
 * {@code leakHeapPercent} of the maximum heap (growth that still has room is warming caches as
 * often as a leak). {@code reason} says why, either way.
 */
public record HeapTrend(long afterGcBytes, double growthBytesPerMinute, List<HeapSample> samples, boolean leakSuspected, String reason) {

    private static final double MIB = 1024.0 * 1024.0;

    public HeapTrend {
        samples = List.copyOf(samples);
    }

    public static HeapTrend of(List<HeapSample> samples, long maxHeapBytes, int leakSamples, int leakHeapPercent) {
        if (samples.isEmpty()) {
            return new HeapTrend(0, 0, samples, false, "no collection has happened since the sampling began");
        }
        long latest = samples.get(samples.size() - 1).bytes();
        double growth = slopePerMinute(samples);
        if (samples.size() < leakSamples) {
            return new HeapTrend(latest, growth, samples, false,
                    "only " + samples.size() + " of the " + leakSamples + " post-GC samples needed to judge a trend");
        }
        List<HeapSample> last = samples.subList(samples.size() - leakSamples, samples.size());
        for (int i = 1; i < last.size(); i++) {
            if (last.get(i).bytes() <= last.get(i - 1).bytes()) {
                return new HeapTrend(latest, growth, samples, false,
                        "the post-GC heap did not rise in each of the last " + leakSamples + " samples");
            }
        }
        double percent = maxHeapBytes > 0 ? 100.0 * latest / maxHeapBytes : 0;
        String rose = String.format(Locale.ROOT, "the post-GC heap rose in each of the last %d samples, from %.1f MiB to %.1f MiB (%+.2f MiB/min)",
                leakSamples, last.get(0).bytes() / MIB, latest / MIB, growth / MIB);
        if (maxHeapBytes <= 0 || percent <= leakHeapPercent) {
            return new HeapTrend(latest, growth, samples, false, String.format(Locale.ROOT,
                    "%s, but it is %.0f%% of the maximum heap, not above %d%%", rose, percent, leakHeapPercent));
        }
        return new HeapTrend(latest, growth, samples, true, String.format(Locale.ROOT,
                "%s and is %.0f%% of the maximum heap (above %d%%)", rose, percent, leakHeapPercent));
    }

    /** Least-squares slope of bytes against minutes; 0 with fewer than two samples or no time between them. */
    static double slopePerMinute(List<HeapSample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        long origin = samples.get(0).at().toEpochMilli();
        double sumX = 0;
        double sumY = 0;
        for (HeapSample sample : samples) {
            sumX += (sample.at().toEpochMilli() - origin) / 60_000.0;
            sumY += sample.bytes();
        }
        double meanX = sumX / n;
        double meanY = sumY / n;
        double covariance = 0;
        double variance = 0;
        for (HeapSample sample : samples) {
            double dx = (sample.at().toEpochMilli() - origin) / 60_000.0 - meanX;
            covariance += dx * (sample.bytes() - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? 0 : covariance / variance;
    }
}
