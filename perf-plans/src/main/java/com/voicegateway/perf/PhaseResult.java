package com.voicegateway.perf;

import java.time.Duration;
import java.util.Map;

/**
 * What one phase measured.
 *
 * @param samples     TTFT of every successful measured request, nanoseconds, sorted ascending
 * @param errors      failed measured requests by kind; never folded into the samples
 * @param reconnects  measured requests that had to open a new connection (keep-alive lost)
 * @param forced      client threads still running at the phase's hard deadline, closed by force
 * @param cpuMs       CPU time the front's processes used in the measured window beyond their idle rate, milliseconds; -1 if not measured
 */
record PhaseResult(Target target, int concurrency, long[] samples, Map<String, Long> errors, long reconnects,
        int forced, Duration measure, long cpuMs) {

    /** The front's CPU time per request started in the measured window, milliseconds; NaN if not measured. */
    double cpuMsPerReply() {
        long requests = samples.length + errorCount();
        return cpuMs < 0 || requests == 0 ? Double.NaN : (double) cpuMs / requests;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double requestsPerSecond() {
        return (samples.length + errorCount()) / (measure.toNanos() / 1e9);
    }

    /** Nearest-rank percentile in milliseconds (the smallest sample with at least p% at or below it); NaN if none. */
    double percentileMs(double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * samples.length);
        return samples[Math.max(1, Math.min(rank, samples.length)) - 1] / 1e6;
    }

    double maxMs() {
        return samples.length == 0 ? Double.NaN : samples[samples.length - 1] / 1e6;
    }
}
