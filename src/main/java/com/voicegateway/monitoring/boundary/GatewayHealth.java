package com.voicegateway.monitoring.boundary;

import com.voicegateway.monitoring.control.MemoryWatch;
import com.voicegateway.monitoring.entity.HeapTrend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Startup;

/**
 * Liveness: the JVM answers, and its memory (the post-GC heap trend and the leak verdict as
 * data). A leak suspicion does not fail liveness unless {@code gateway.memory.leak-fails-liveness}
 * says so: it is a heuristic, every node of a cluster tends to show the same growth at the same
 * time (a cache filling), and a liveness failure restarts them together, mid-stream for every
 * client; an operator alert on {@code gateway_memory_leak_suspected} costs nothing. Startup: the application is deployed. Each readiness check lives beside
 * what it checks: {@code RedisHealth} (redis), {@code UpstreamHealth} (upstream), {@code TemplateCacheHealth}
 * (templates).
 */
@ApplicationScoped
public class GatewayHealth {

    @Inject
    MemoryWatch memory;

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.named("gateway").up().build();
    }

    @Produces
    @Liveness
    HealthCheck memory() {
        return () -> {
            HeapTrend trend = memory.trend();
            return HealthCheckResponse.named("memory").status(!(trend.leakSuspected() && memory.leakFailsLiveness()))
                    .withData("afterGcBytes", trend.afterGcBytes())
                    .withData("growthBytesPerMinute", Math.round(trend.growthBytesPerMinute()))
                    .withData("leakSuspected", trend.leakSuspected())
                    .withData("reason", trend.reason())
                    .build();
        };
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("gateway-started").up().build();
    }
}
