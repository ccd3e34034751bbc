package com.voicegateway.monitoring.entity;

/**
 * The {@code Server-Timing} header every reply carries (W3C Server Timing): {@code gateway}, the
 * time the gateway itself added, and for replies that called the model {@code upstream}, the time
 * spent on the upstream call (through the GenAI SDK, retries and their back-off included), both in
 * milliseconds.
 */
public final class ServerTiming {

    public static final String HEADER = "Server-Timing";

    private ServerTiming() {
    }

    /** {@code gateway;dur=1.23} and, when an upstream call was made, {@code , upstream;dur=456.78}. */
    public static String of(long gatewayNanos, long upstreamNanos) {
        String gateway = "gateway;dur=" + millis(gatewayNanos);
        return upstreamNanos > 0 ? gateway + ", upstream;dur=" + millis(upstreamNanos) : gateway;
    }

    /** The {@code gateway} entry's duration of a header made by {@link #of}, or -1 when it has none. */
    public static long gatewayNanos(String header) {
        String prefix = "gateway;dur=";
        int at = header.indexOf(prefix);
        if (at < 0) {
            return -1;
        }
        int end = header.indexOf(',', at);
        try {
            return Math.round(Double.parseDouble(header.substring(at + prefix.length(), end < 0 ? header.length() : end).trim()) * 1_000_000);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /** Milliseconds with two decimals, rounded half up; every reply makes two, so no String.format. */
    private static String millis(long nanos) {
        long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
