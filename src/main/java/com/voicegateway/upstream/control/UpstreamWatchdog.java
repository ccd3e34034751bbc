package com.voicegateway.upstream.control;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.Call;

/**
 * Cancels upstream calls that wait too long for their first chunk, or go silent between chunks.
 *
 * <p>Why not OkHttp's read timeout: okio arms and disarms it on every socket read through one
 * process-wide lock; at 500 concurrent streams most relay threads were parked on that lock
 * (docs/performance.md). Here a chunk only writes a volatile timestamp, and one thread looks at all
 * open calls a few times a second. Cancelling the call is also what unblocks a thread stuck in the
 * SDK's reader, which a thread interrupt does not.
 */
final class UpstreamWatchdog implements AutoCloseable {

    private static final long SCAN_MILLIS = 50;

    /** One watched call. {@link #progress()} on every chunk; {@link #close()} when the call is over. */
    final class Watch implements AutoCloseable {
        private final Call call;
        private final long startNanos = clock.getAsLong();
        private volatile long lastProgressNanos;

        Watch(Call call) {
            this.call = call;
        }

        void progress() {
            lastProgressNanos = clock.getAsLong();
        }

        boolean overdue(long now) {
            long last = lastProgressNanos;
            return last == 0 ? now - startNanos > firstChunkNanos : now - last > stallNanos;
        }

        void cancel() {
            call.cancel();
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }

    private final long firstChunkNanos;
    private final long stallNanos;
    private final LongSupplier clock;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scanner;

    /** Scans every 50 ms on a thread of {@code threads}, by {@link System#nanoTime()}. */
    UpstreamWatchdog(long firstChunkMillis, long stallMillis, ThreadFactory threads) {
        this(firstChunkMillis, stallMillis, System::nanoTime, new ScheduledThreadPoolExecutor(1, threads));
        scanner.scheduleWithFixedDelay(this::scan, SCAN_MILLIS, SCAN_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Reads time from {@code clock} and scans only when told ({@link #scan()}): for tests, no thread and no wall clock. */
    UpstreamWatchdog(long firstChunkMillis, long stallMillis, LongSupplier clock) {
        this(firstChunkMillis, stallMillis, clock, null);
    }

    private UpstreamWatchdog(long firstChunkMillis, long stallMillis, LongSupplier clock, ScheduledExecutorService scanner) {
        this.firstChunkNanos = TimeUnit.MILLISECONDS.toNanos(firstChunkMillis);
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        this.clock = clock;
        this.scanner = scanner;
    }

    Watch watch(Call call) {
        Watch watch = new Watch(call);
        watched.add(watch);
        return watch;
    }

    int watching() {
        return watched.size();
    }

    void scan() {
        long now = clock.getAsLong();
        for (Watch watch : watched) {
            if (watch.overdue(now)) {
                watched.remove(watch);
                watch.call.cancel();
            }
        }
    }

    @Override
    public void close() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }
}
