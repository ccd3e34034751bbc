package com.voicegateway.monitoring.control;

import com.voicegateway.monitoring.entity.HeapSample;
import com.voicegateway.monitoring.entity.HeapTrend;
import com.voicegateway.monitoring.entity.MemoryReport;
import com.voicegateway.monitoring.entity.MemorySettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Watches the heap after garbage collection. Every {@code gateway.memory.sample-seconds} it
 * looks at the collectors' counts; when a collection has happened since the last look, the heap
 * in use right after the most recent collection (its {@code GcInfo}'s usage after GC, summed over
 * the heap pools) becomes one sample of a ring of {@code gateway.memory.window-samples}. No
 * collection, no sample: an idle JVM's heap says nothing new. The trend and the leak verdict
 * ({@link HeapTrend}) are worked out from the ring when asked. It never triggers a collection.
 *
 * <p>Not the pools' {@code getCollectionUsage()} alone: on G1 (JDK 17) the old generation's
 * collection usage is updated only by an old-generation (full) collection, so through young and
 * mixed collections it reads 0 and the sum shows only the survivor space, however much the old
 * generation holds. It is the fallback where {@code com.sun.management} is not there.
 */
@ApplicationScoped
public class MemoryWatch {

    private static final Logger LOG = Logger.getLogger(MemoryWatch.class.getName());

    @Inject
    MemorySettings settings;

    @Inject
    MetricRegistry registry;

    private final Deque<HeapSample> window = new ArrayDeque<>();
    private ScheduledExecutorService sampler;
    private long collectionsSeen = -1;
    private volatile boolean suspected;

    @Produces
    static MemorySettings memorySettings(Config config) {
        return SettingsReader.read(MemorySettings.class, config);
    }

    /** Started with the application, so that the window fills from the start. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's only job is to create the bean early: @PostConstruct schedules the sampling
    }

    @PostConstruct
    void schedule() {
        registry.gauge(Metadata.builder().withName("gateway.memory.heap.after.gc").withUnit(MetricUnits.BYTES)
                .withDescription("Heap in use right after the most recent garbage collection, all heap pools").build(),
                this, watch -> watch.trend().afterGcBytes());
        registry.gauge(Metadata.builder().withName("gateway.memory.heap.after.gc.growth")
                .withDescription("Growth of the post-GC heap over the sample window, bytes per minute (least squares)").build(),
                this, watch -> watch.trend().growthBytesPerMinute());
        registry.gauge(Metadata.builder().withName("gateway.memory.leak.suspected")
                .withDescription("1 while the post-GC heap rose in each of the last gateway.memory.leak-samples samples and is above "
                        + "gateway.memory.leak-heap-percent of the maximum heap, else 0").build(),
                this, watch -> watch.trend().leakSuspected() ? 1 : 0);
        sampler = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "memory-watch");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, settings.sampleSeconds(), TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }

    private void sample() {
        try {
            long collections = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                collections += Math.max(0, collector.getCollectionCount());
            }
            if (collections == collectionsSeen) {
                return;
            }
            collectionsSeen = collections;
            HeapSample sample = new HeapSample(Instant.now(), heapAfterLastCollection());
            synchronized (window) {
                window.addLast(sample);
                while (window.size() > settings.windowSamples()) {
                    window.removeFirst();
                }
            }
            HeapTrend trend = trend();
            if (trend.leakSuspected() != suspected) {
                suspected = trend.leakSuspected();
                LOG.log(suspected ? Level.WARNING : Level.INFO, "Memory: leak {0}: {1}",
                        new Object[] {suspected ? "suspected" : "no longer suspected", trend.reason()});
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Memory sampling failed", e);
        }
    }

    public HeapTrend trend() {
        List<HeapSample> samples;
        synchronized (window) {
            samples = List.copyOf(window);
        }
        return HeapTrend.of(samples, maxHeap(), settings.leakSamples(), settings.leakHeapPercent());
    }

    /** Whether a leak suspicion should fail liveness ({@code gateway.memory.leak-fails-liveness}). */
    public boolean leakFailsLiveness() {
        return settings.leakFailsLiveness();
    }

    public MemoryReport report() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        HeapTrend trend = trend();
        List<MemoryReport.Collector> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(new MemoryReport.Collector(collector.getName(), collector.getCollectionCount(), collector.getCollectionTime()));
        }
        List<MemoryReport.Sample> samples = trend.samples().stream()
                .map(sample -> new MemoryReport.Sample(sample.at().toString(), sample.bytes())).toList();
        return new MemoryReport(new MemoryReport.Heap(heap.getUsed(), heap.getCommitted(), heap.getMax()),
                new MemoryReport.AfterGc(trend.afterGcBytes(), trend.growthBytesPerMinute(), settings.sampleSeconds(), samples),
                collectors, trend.leakSuspected(), trend.reason());
    }

    /** The heap pools' usage right after the most recent collection of any collector. */
    private static long heapAfterLastCollection() {
        Set<String> heapPools = new HashSet<>();
        long collectionUsage = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
                MemoryUsage usage = pool.getCollectionUsage();
                collectionUsage += usage == null ? 0 : usage.getUsed();
            }
        }
        try {
            com.sun.management.GcInfo last = null;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof com.sun.management.GarbageCollectorMXBean detailed) {
                    com.sun.management.GcInfo info = detailed.getLastGcInfo();
                    if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
                        last = info;
                    }
                }
            }
            if (last == null) {
                return collectionUsage;
            }
            long after = 0;
            for (Map.Entry<String, MemoryUsage> pool : last.getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    after += pool.getValue().getUsed();
                }
            }
            return after;
        } catch (LinkageError noDetails) {
            return collectionUsage;
        }
    }

    private static long maxHeap() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    }
}
