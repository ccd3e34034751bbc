package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioSettings;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded executor for codec work: encoding and decoding are CPU-bound, so as many threads as
 * cores do as much as more would, and a short queue holds the rest. Full means a clear 503, never
 * an unbounded pile of waiting uploads. Threads come from a ManagedThreadFactory, so they carry the
 * application's context; Liberty's own request and I/O threads never run a codec frame loop.
 */
@ApplicationScoped
public class AudioWork {

    @Resource(lookup = "concurrent/audioThreads")
    ManagedThreadFactory threads;

    @Inject
    AudioSettings settings;

    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        int size = settings.codecThreads() > 0 ? settings.codecThreads() : Runtime.getRuntime().availableProcessors();
        executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, settings.codecQueue())), threads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Threads that run codec work side by side. */
    public int threads() {
        return executor.getMaximumPoolSize();
    }

    /** Runs {@code work} on a codec thread and waits for it; its own exceptions come back as they were thrown. */
    public <T> T call(Callable<T> work) {
        return await(start(work));
    }

    /**
     * Starts {@code work} on a codec thread; the returned callable waits for it (and must be
     * called, or the work's result is lost), throwing what the work threw.
     */
    public <T> Callable<T> submit(Callable<T> work) {
        Future<T> running = start(work);
        return () -> await(running);
    }

    private <T> Future<T> start(Callable<T> work) {
        try {
            return executor.submit(work);
        } catch (RejectedExecutionException full) {
            throw GatewayException.overloaded("All audio codec threads are busy; retry shortly.");
        }
    }

    private static <T> T await(Future<T> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the codec", e);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new java.io.IOException("codec work failed", cause));
        }
    }
}
