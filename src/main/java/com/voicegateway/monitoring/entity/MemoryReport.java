package com.voicegateway.monitoring.entity;

import java.util.List;

/** GET /api/v1/admin/memory: the heap now, its post-GC trend, the collectors and the leak verdict. */
public record MemoryReport(Heap heap, AfterGc afterGc, List<Collector> collectors, boolean leakSuspected, String reason) {

    /** The heap as MemoryMXBean reports it now; {@code maxBytes} is -1 when the JVM has no limit. */
    public record Heap(long usedBytes, long committedBytes, long maxBytes) {
    }

    /** Post-GC heap: the latest figure, growth per minute over the window, and the window's samples. */
    public record AfterGc(long bytes, double growthBytesPerMinute, int sampleSeconds, List<Sample> samples) {
    }

    /** One post-GC sample; {@code at} is ISO-8601. */
    public record Sample(String at, long bytes) {
    }

    /** One garbage collector: collections and accumulated collection time since the JVM started. */
    public record Collector(String name, long count, long timeMs) {
    }
}
