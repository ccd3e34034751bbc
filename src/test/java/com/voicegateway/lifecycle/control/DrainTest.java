package com.voicegateway.lifecycle.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.lifecycle.entity.DrainSettings;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DrainTest {

    private final Drain drain = new Drain();

    DrainTest() {
        drain.settings = new DrainSettings(300);
    }

    @Test
    void workThatEndsInTimeIsLeftAloneAndWorkThatDoesNotIsEndedAtTheDeadline() throws Exception {
        AtomicInteger endedEarly = new AtomicInteger();
        AtomicInteger endedLate = new AtomicInteger();
        AtomicInteger deadlineActions = new AtomicInteger();
        AutoCloseable quick = drain.track(endedEarly::incrementAndGet);
        CountDownLatch stopped = new CountDownLatch(1);
        AutoCloseable[] slow = new AutoCloseable[1];
        slow[0] = drain.track(() -> {
            endedLate.incrementAndGet();
            try {
                slow[0].close(); // the work ends when told to, as a relay does
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            stopped.countDown();
        });
        drain.atDeadline(deadlineActions::incrementAndGet);

        Thread hook = new Thread(drain::drain);
        hook.start();
        assertTrue(waitFor(drain::draining), "draining at once");
        assertFalse(drain.expired(), "not before the deadline");
        quick.close(); // finishes by itself inside the drain time
        assertTrue(stopped.await(5, TimeUnit.SECONDS), "the slow work was ended at the deadline");
        hook.join(5_000);
        assertTrue(drain.expired());
        assertEquals(0, endedEarly.get(), "work that ended in time is not touched");
        assertEquals(1, endedLate.get());
        assertEquals(1, deadlineActions.get());
    }

    @Test
    void withNothingInFlightTheDrainEndsAtOnce() {
        drain.settings = new DrainSettings(10_000);
        long start = System.nanoTime();
        drain.drain();
        assertTrue(drain.expired());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000, "not the 10 s drain time: nothing was in flight");
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
