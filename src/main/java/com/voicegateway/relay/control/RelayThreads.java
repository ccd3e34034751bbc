package com.voicegateway.relay.control;

import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.upstream.entity.UpstreamSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Dedicated, bounded threads for relaying upstream replies. The SDK reads streams with blocking
 * I/O, so each active reply holds one thread while it waits for tokens: these threads (made by a
 * ManagedThreadFactory, so they carry the application's context) and never Liberty's request
 * threads. Full means refused at once, never queued behind slow streams.
 */
@ApplicationScoped
public class RelayThreads {

    @Resource(lookup = "concurrent/upstreamThreads")
    ManagedThreadFactory threads;

    @Inject
    ReplyRelay relay;

    @Inject
    UpstreamSettings upstream;

    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        // Headroom over the bulkhead so that the bulkhead, which answers with a clear 503, is what refuses.
        int size = upstream.maxStreams() + 16;
        executor = new ThreadPoolExecutor(Math.min(8, size), size, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        executor.allowCoreThreadTimeOut(false);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Relays {@code call} to {@code channel} on a relay thread. A refusal before the relay began (the
     * bulkhead) still reaches the channel; no free thread at all is thrown to the caller as 503.
     */
    public void relay(ModelCall call, long arrivedNanos, ReplyChannel channel) {
        run(() -> {
            try {
                relay.relay(call, arrivedNanos, channel);
            } catch (RuntimeException refused) {
                channel.failed(refused);
            }
        });
    }

    /**
     * Runs other reply work that waits on a stream (a cached replay, a follower of a shared call) on
     * a relay thread, outside the bulkhead: it holds no upstream stream. No free thread is a 503.
     */
    public void run(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException full) {
            throw GatewayException.overloaded("All relay threads are busy; retry shortly.");
        }
    }
}
