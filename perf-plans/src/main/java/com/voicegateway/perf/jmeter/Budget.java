package com.voicegateway.perf.jmeter;

import java.util.Locale;

/**
 * One limit a sampler must keep: a percentile or error ceiling, or a floor on how often it ran (so a
 * sampler that silently stopped running cannot pass).
 *
 * @param label  the sampler label, {@code *} for every sampler without a limit of its own on this metric
 * @param metric what is limited
 * @param limit  the ceiling (percentiles in ms, errors as a count, errorPct in %) or, for count, the floor
 */
public record Budget(String label, Metric metric, double limit) {

    public static final String EVERY_SAMPLER = "*";

    public enum Metric {
        P50, P95, P99, ERRORS, ERRORPCT, COUNT;

        static Metric parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown budget metric '" + name
                        + "': use p50, p95, p99, errors, errorPct or count");
            }
        }

        String display() {
            return this == ERRORPCT ? "errorPct" : name().toLowerCase(Locale.ROOT);
        }
    }

    public Budget {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a budget needs a sampler label");
        }
        if (metric == null) {
            throw new IllegalArgumentException("a budget needs a metric");
        }
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException(label + "." + metric.display() + ": limit must be a number >= 0, was " + limit);
        }
    }

    /** The measured value this budget looks at. */
    public double measured(SamplerStatistics line) {
        return switch (metric) {
            case P50 -> line.p50();
            case P95 -> line.p95();
            case P99 -> line.p99();
            case ERRORS -> line.errors();
            case ERRORPCT -> line.errorPercent();
            case COUNT -> line.count();
        };
    }

    public boolean isKeptBy(SamplerStatistics line) {
        double value = measured(line);
        return metric == Metric.COUNT ? value >= limit : value <= limit;
    }

    /** e.g. {@code p95 412<=1000} or {@code count 3>=5}. */
    public String describe(SamplerStatistics line) {
        String op = metric == Metric.COUNT ? ">=" : "<=";
        return metric.display() + " " + format(measured(line)) + op + format(limit);
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
