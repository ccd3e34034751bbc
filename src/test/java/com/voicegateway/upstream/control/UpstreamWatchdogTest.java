package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    @Test
    void aCallWithoutItsFirstChunkInTimeIsCancelled() throws InterruptedException {
        try (UpstreamWatchdog watchdog = new UpstreamWatchdog(100, 1000, Executors.defaultThreadFactory())) {
            AtomicBoolean cancelled = new AtomicBoolean();
            CountDownLatch latch = new CountDownLatch(1);
            watchdog.watch(call(cancelled, latch));
            assertTrue(latch.await(2, TimeUnit.SECONDS), "cancelled after the first-chunk limit");
            assertEquals(0, watchdog.watching(), "and no longer watched");
        }
    }

    @Test
    void aCallThatGoesSilentBetweenChunksIsCancelledButOneThatProgressesIsNot() throws InterruptedException {
        try (UpstreamWatchdog watchdog = new UpstreamWatchdog(100, 150, Executors.defaultThreadFactory())) {
            AtomicBoolean silentCancelled = new AtomicBoolean();
            CountDownLatch silentLatch = new CountDownLatch(1);
            UpstreamWatchdog.Watch silent = watchdog.watch(call(silentCancelled, silentLatch));
            AtomicBoolean busyCancelled = new AtomicBoolean();
            UpstreamWatchdog.Watch busy = watchdog.watch(call(busyCancelled, new CountDownLatch(1)));
            silent.progress();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
            while (System.nanoTime() < until) {
                busy.progress();
                Thread.onSpinWait();
            }
            assertTrue(silentLatch.await(1, TimeUnit.SECONDS), "silence past the stall limit cancels");
            assertFalse(busyCancelled.get(), "steady chunks keep a call alive past every limit");
            busy.close();
        }
    }

    @Test
    void aClosedCallIsNeverCancelled() throws InterruptedException {
        try (UpstreamWatchdog watchdog = new UpstreamWatchdog(50, 50, Executors.defaultThreadFactory())) {
            AtomicBoolean cancelled = new AtomicBoolean();
            CountDownLatch latch = new CountDownLatch(1);
            watchdog.watch(call(cancelled, latch)).close();
            assertFalse(latch.await(300, TimeUnit.MILLISECONDS));
            assertFalse(cancelled.get());
        }
    }
}
