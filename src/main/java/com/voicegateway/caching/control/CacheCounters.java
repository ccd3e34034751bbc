package com.voicegateway.caching.control;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one gateway cache counts on this node, at the gateway's level rather than Hazelcast's: a hit
 * is a read served without going to the source, whichever layer served it (the process-local one
 * included), a miss one that went to the source. {@code coalesced} counts misses that joined an
 * identical call already in flight instead of making their own.
 */
public final class CacheCounters {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder coalesced = new LongAdder();

    public void hit() {
        hits.increment();
    }

    public void miss() {
        misses.increment();
    }

    public void coalesced() {
        coalesced.increment();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long coalescedCount() {
        return coalesced.sum();
    }

    /** hits / (hits + misses); 0 before the first read. */
    public double ratio() {
        long hit = hits.sum();
        long lookups = hit + misses.sum();
        return lookups == 0 ? 0.0 : (double) hit / lookups;
    }
}
