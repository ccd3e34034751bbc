package com.voicegateway.emulator.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulator received, so tests and load runs can check how many upstream calls the gateway
 * made (retries, coalescing) and how many streams it cancelled. Keeps the most recent texts only.
 */
@ApplicationScoped
public class RequestLog {

    private static final int CAPACITY = 20_000;

    /** One received request; {@link #cancelled} turns true when its client went away mid-reply. */
    public static final class Entry {
        private final String text;
        private final String model;
        private volatile boolean cancelled;

        Entry(String text, String model) {
            this.text = text;
            this.model = model;
        }
    }

    public record Tally(long count, long cancelled) {
    }

    private final Deque<Entry> recent = new ArrayDeque<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong cancelledTotal = new AtomicLong();

    public Entry record(String text, String model) {
        Entry entry = new Entry(text, model);
        total.incrementAndGet();
        synchronized (recent) {
            if (recent.size() == CAPACITY) {
                recent.removeFirst();
            }
            recent.addLast(entry);
        }
        return entry;
    }

    public void cancelled(Entry entry) {
        entry.cancelled = true;
        cancelledTotal.incrementAndGet();
    }

    public Tally all() {
        return new Tally(total.get(), cancelledTotal.get());
    }

    /** Requests whose text contains {@code marker}, for {@code model} only when it is not null. */
    public Tally matching(String marker, String model) {
        return matching(List.of(marker), model);
    }

    /** Requests whose text contains every one of {@code markers}, for {@code model} only when it is not null. */
    public Tally matching(List<String> markers, String model) {
        long count = 0;
        long cancelled = 0;
        synchronized (recent) {
            for (Entry entry : recent) {
                if (containsAll(entry.text, markers) && (model == null || model.equals(entry.model))) {
                    count++;
                    if (entry.cancelled) {
                        cancelled++;
                    }
                }
            }
        }
        return new Tally(count, cancelled);
    }

    private static boolean containsAll(String text, List<String> markers) {
        for (String marker : markers) {
            if (!text.contains(marker)) {
                return false;
            }
        }
        return true;
    }
}
