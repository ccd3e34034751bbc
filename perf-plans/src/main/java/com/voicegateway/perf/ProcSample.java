package com.voicegateway.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and resident memory of one process at one moment, from Linux's /proc: {@code stat} fields 14 and 15
 * (utime, stime, in clock ticks) and {@code status} VmRSS. {@code "self"} is this JVM.
 *
 * @param cpuMs  user + system CPU time so far, milliseconds; -1 if it could not be read
 * @param rssKb  resident set size, KiB; -1 if it could not be read
 * @param nanos  {@link System#nanoTime()} when read
 */
record ProcSample(String pid, long cpuMs, long rssKb, long nanos) {

    /** USER_HZ: almost always 100; asked of getconf once, since Java cannot call sysconf. */
    private static final long CLOCK_TICKS = clockTicks();

    static ProcSample read(String pid) {
        long nanos = System.nanoTime();
        return new ProcSample(pid, cpuMs(pid), rssKb(pid), nanos);
    }

    boolean complete() {
        return cpuMs >= 0 && rssKb >= 0;
    }

    /** CPU milliseconds per wall-clock second between {@code earlier} and this sample; NaN if unknown. */
    double cpuMsPerSecondSince(ProcSample earlier) {
        if (earlier == null || cpuMs < 0 || earlier.cpuMs < 0 || nanos <= earlier.nanos) {
            return Double.NaN;
        }
        return (cpuMs - earlier.cpuMs) / ((nanos - earlier.nanos) / 1e9);
    }

    private static long cpuMs(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of the whole line
            return ticks * 1000 / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long rssKb(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // reported as unknown
        }
        return -1;
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                long ticks = Long.parseLong(out);
                if (ticks > 0) {
                    return ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
