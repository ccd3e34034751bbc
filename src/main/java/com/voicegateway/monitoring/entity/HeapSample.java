package com.voicegateway.monitoring.entity;

import java.time.Instant;

/** The heap in use right after the most recent garbage collection, as seen at {@code at}. */
public record HeapSample(Instant at, long bytes) {

    public HeapSample {
        if (at == null || bytes < 0) {
            throw new IllegalArgumentException("a heap sample needs a time and bytes >= 0");
        }
    }
}
