package com.voicegateway.emulator.control;

/**
 * Time for a {@link LiveConnection}: the emulator's scheduler threads in the server, a clock the
 * test moves by hand in unit tests, so the protocol's timing is tested without waiting.
 */
public interface LiveScheduler {

    long nowMs();

    /** Runs {@code task} once after {@code delayMs} (at once when not positive). */
    Scheduled after(long delayMs, Runnable task);

    /** A task not yet run; {@link #cancel} is a no-op once it has run. */
    interface Scheduled {
        void cancel();
    }
}
