package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import org.junit.jupiter.api.Test;

class UpstreamWatchdogTest {

    /** A Call that only records whether it was cancelled. */
    private static Call call(AtomicBoolean cancelled, CountDownLatch latch) {
        return (Call) Proxy.newProxyInstance(Call.class.getClassLoader(), new Class<?>[] {Call.class}, (proxy, method, args) -> {
            if (method.getName().equals("cancel")) {
                cancelled.set(true);
                latch.countDown();
            }
            return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
        });
    }

    /** The production constructor: its own thread scans by the wall clock (the bound only keeps a broken scanner from hanging). */
    @Test
    void theScannerThreadCancelsACallWithoutItsFirstChunk() throws InterruptedException {
        try (UpstreamWatchdog watchdog = new UpstreamWatchdog(100, 1000, Executors.defaultThreadFactory())) {
            AtomicBoolean cancelled = new AtomicBoolean();
            CountDownLatch latch = new CountDownLatch(1);
            watchdog.watch(call(cancelled, latch));
            assertTrue(latch.await(2, TimeUnit.SECONDS), "cancelled after the first-chunk limit");
            assertEquals(0, watchdog.watching(), "and no longer watched");
        }
    }

    /** Time as the tests set it: the watchdog's decisions depend on it alone. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void theFirstChunkLimitIsHeldToTheNanosecondByTheClock() {
        try (UpstreamWatchdog watchdog = new UpstreamWatchdog(100, 1000, now::get)) {
            AtomicBoolean cancelled = new AtomicBoolean();
            watchdog.watch(call(cancelled, new CountDownLatch(1)));
            advanceMillis(100);
            watchdog.scan();
            assertFalse(cancelled.get(), "not before the limit has passed");
            advanceMillis(1);
            watchdog.scan();
            assertTrue(cancelled.get(), "cancelled once the first-chunk limit has passed");
            assertEquals(0, watchdog.watching(), "and no longer watched");
        }
    }

    @Test
    void aCallThatGoesSilentBetweenChunksIsCancelledButOneThatProgressesIsNot() {
        try (UpstreamWatchdog watchdog = new UpstreamWatchdog(100, 150, now::get)) {
            AtomicBoolean silentCancelled = new AtomicBoolean();
            UpstreamWatchdog.Watch silent = watchdog.watch(call(silentCancelled, new CountDownLatch(1)));
            AtomicBoolean busyCancelled = new AtomicBoolean();
            UpstreamWatchdog.Watch busy = watchdog.watch(call(busyCancelled, new CountDownLatch(1)));
            silent.progress();
            for (int step = 1; step <= 12; step++) { // 600 ms in 50 ms steps, a chunk of the busy call at each
                advanceMillis(50);
                busy.progress();
                watchdog.scan();
                assertEquals(step * 50 > 150, silentCancelled.get(), "the silent call at " + step * 50 + " ms after its chunk");
            }
            assertFalse(busyCancelled.get(), "steady chunks keep a call alive past every limit");
            assertEquals(1, watchdog.watching());
            busy.close();
        }
    }

    @Test
    void aClosedCallIsNeverCancelled() {
        try (UpstreamWatchdog watchdog = new UpstreamWatchdog(50, 50, now::get)) {
            AtomicBoolean cancelled = new AtomicBoolean();
            watchdog.watch(call(cancelled, new CountDownLatch(1))).close();
            advanceMillis(10_000);
            watchdog.scan();
            assertFalse(cancelled.get());
        }
    }
}
