package com.voicegateway.redis.boundary;

import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.redis.entity.RedisSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: Redis answers a PING; without it no session or template can be read. The PING runs
 * on its own thread every {@code redis.health-interval-ms}, and a probe reads the last result, so
 * readiness answers at once whatever Redis does: a stalled Redis cannot hold a probe past its
 * timeout (which would get a healthy pod killed). A result older than three intervals plus the
 * command timeout (the PING itself is stuck) counts as DOWN.
 */
@Readiness
@ApplicationScoped
public class RedisHealth implements HealthCheck {

    private record Result(boolean up, long checkedNanos) {
    }

    @Inject
    RedisAccess redis;

    @Inject
    RedisSettings settings;

    private ScheduledExecutorService checker;
    private volatile Result last;

    /** Started with the application, so that the first probe finds a result. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's only job is to create the bean early: @PostConstruct schedules the checks
    }

    @PostConstruct
    void schedule() {
        checker = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "redis-health");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, 0, Math.max(100, settings.healthIntervalMs()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }

    private void check() {
        boolean up;
        try {
            up = redis.ping();
        } catch (RuntimeException failed) {
            up = false;
        }
        last = new Result(up, System.nanoTime());
    }

    @Override
    public HealthCheckResponse call() {
        Result result = last;
        long now = System.nanoTime();
        long staleMs = 3 * Math.max(100, settings.healthIntervalMs()) + settings.timeoutMs();
        boolean fresh = result != null && TimeUnit.NANOSECONDS.toMillis(now - result.checkedNanos()) <= staleMs;
        return HealthCheckResponse.named("redis").status(fresh && result.up())
                .withData("target", redis.target())
                .withData("checkedMsAgo", result == null ? -1 : TimeUnit.NANOSECONDS.toMillis(now - result.checkedNanos()))
                .build();
    }
}
