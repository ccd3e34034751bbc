package com.voicegateway.monitoring.entity;

import com.voicegateway.settings.entity.Setting;

/** Memory monitoring: how the post-GC heap is sampled and when its trend looks like a leak. */
public record MemorySettings(
        @Setting(name = "gateway.memory.sample-seconds", defaultValue = "30") int sampleSeconds,
        @Setting(name = "gateway.memory.window-samples", defaultValue = "20") int windowSamples,
        @Setting(name = "gateway.memory.leak-samples", defaultValue = "6") int leakSamples,
        @Setting(name = "gateway.memory.leak-heap-percent", defaultValue = "70") int leakHeapPercent,
        @Setting(name = "gateway.memory.leak-fails-liveness", defaultValue = "false") boolean leakFailsLiveness) {

    public MemorySettings {
        if (sampleSeconds < 1) {
            throw new IllegalArgumentException("gateway.memory.sample-seconds must be at least 1, not " + sampleSeconds);
        }
        if (leakSamples < 3) {
            throw new IllegalArgumentException("gateway.memory.leak-samples must be at least 3, not " + leakSamples);
        }
        if (windowSamples < leakSamples) {
            throw new IllegalArgumentException("gateway.memory.window-samples (" + windowSamples
                    + ") must be at least gateway.memory.leak-samples (" + leakSamples + ")");
        }
        if (leakHeapPercent < 1 || leakHeapPercent > 100) {
            throw new IllegalArgumentException("gateway.memory.leak-heap-percent must be 1-100, not " + leakHeapPercent);
        }
    }
}
