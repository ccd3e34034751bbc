package com.voicegateway.monitoring.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak verdict needs both a steady rise of the post-GC heap and little room left. */
class HeapTrendTest {

    private static final long MIB = 1024 * 1024;
    private static final long MAX = 512 * MIB;
    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

    /** One sample a minute with these MiB values. */
    private static List<HeapSample> minutely(long... mib) {
        List<HeapSample> samples = new ArrayList<>();
        for (int i = 0; i < mib.length; i++) {
            samples.add(new HeapSample(START.plusSeconds(60L * i), mib[i] * MIB));
        }
        return samples;
    }

    @Test
    void aSteadyRiseAboveTheThresholdIsSuspected() {
        HeapTrend trend = HeapTrend.of(minutely(100, 360, 370, 380, 390, 400, 410), MAX, 6, 70);
        assertTrue(trend.leakSuspected(), trend.reason());
        assertEquals(410 * MIB, trend.afterGcBytes());
        assertTrue(trend.reason().contains("rose in each of the last 6 samples") && trend.reason().contains("80%"), trend.reason());
    }

    @Test
    void aSteadyRiseWithRoomLeftIsNot() {
        HeapTrend trend = HeapTrend.of(minutely(100, 110, 120, 130, 140, 150), MAX, 6, 70);
        assertFalse(trend.leakSuspected());
        assertTrue(trend.reason().contains("not above 70%"), trend.reason());
    }

    @Test
    void aHighHeapThatFellOnceIsNot() {
        HeapTrend trend = HeapTrend.of(minutely(380, 390, 400, 395, 410, 420), MAX, 6, 70);
        assertFalse(trend.leakSuspected());
        assertTrue(trend.reason().contains("did not rise in each"), trend.reason());
        HeapTrend flat = HeapTrend.of(minutely(400, 400, 400, 400, 400, 400), MAX, 6, 70);
        assertFalse(flat.leakSuspected(), "a flat heap is not rising");
    }

    @Test
    void tooFewSamplesAreNoVerdict() {
        assertFalse(HeapTrend.of(minutely(400, 450, 500), MAX, 6, 70).leakSuspected());
        HeapTrend none = HeapTrend.of(List.of(), MAX, 6, 70);
        assertFalse(none.leakSuspected());
        assertEquals(0, none.afterGcBytes());
        assertEquals(0.0, none.growthBytesPerMinute());
    }

    @Test
    void growthIsTheLeastSquaresSlopePerMinute() {
        assertEquals(10.0 * MIB, HeapTrend.of(minutely(100, 110, 120, 130), MAX, 3, 70).growthBytesPerMinute(), 1e-6);
        assertEquals(-5.0 * MIB, HeapTrend.of(minutely(120, 115, 110), MAX, 3, 70).growthBytesPerMinute(), 1e-6);
        assertEquals(0.0, HeapTrend.of(minutely(100), MAX, 3, 70).growthBytesPerMinute());
        // two samples 30 s apart, 1 MiB more: 2 MiB a minute
        List<HeapSample> half = List.of(new HeapSample(START, 100 * MIB), new HeapSample(START.plusSeconds(30), 101 * MIB));
        assertEquals(2.0 * MIB, HeapTrend.of(half, MAX, 3, 70).growthBytesPerMinute(), 1e-6);
    }

    @Test
    void settingsGuardTheirRules() {
        assertThrows(IllegalArgumentException.class, () -> new MemorySettings(30, 4, 6, 70, false));
        assertThrows(IllegalArgumentException.class, () -> new MemorySettings(30, 20, 2, 70, false));
        assertThrows(IllegalArgumentException.class, () -> new MemorySettings(0, 20, 6, 70, false));
        assertThrows(IllegalArgumentException.class, () -> new MemorySettings(30, 20, 6, 101, false));
    }
}
