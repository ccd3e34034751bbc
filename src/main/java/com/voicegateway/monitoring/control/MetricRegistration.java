package com.voicegateway.monitoring.control;

import java.util.function.Supplier;

/**
 * Registers a metric with the application's context class loader, whatever thread first asks
 * for it. Handles are created lazily, per tag value, on the thread that first records one: a
 * relay or pacer thread, or Liberty's /metrics thread calling a gauge. The metrics runtime reads
 * its {@code mp.metrics.distribution.*} settings through MicroProfile Config of the context class
 * loader; on Liberty's thread that is not the gateway's, so a timer registered there got the
 * runtime defaults (quantiles, no buckets) inside a family whose other series have buckets, and
 * /metrics stopped being valid exposition.
 */
public final class MetricRegistration {

    private final ClassLoader application;

    /** Captures the context class loader of the calling thread: create it on an application thread. */
    public MetricRegistration() {
        application = Thread.currentThread().getContextClassLoader();
    }

    public <T> T register(Supplier<T> registration) {
        Thread thread = Thread.currentThread();
        ClassLoader own = thread.getContextClassLoader();
        if (own == application) {
            return registration.get();
        }
        thread.setContextClassLoader(application);
        try {
            return registration.get();
        } finally {
            thread.setContextClassLoader(own);
        }
    }
}
