package com.voicegateway.monitoring.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Startup;

/**
 * Liveness: the JVM answers. Startup: the application is deployed. Each readiness check lives beside
 * what it checks: {@code RedisHealth} (redis), {@code UpstreamHealth} (upstream), {@code TemplateCacheHealth}
 * (templates).
 */
@ApplicationScoped
public class GatewayHealth {

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.named("gateway").up().build();
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("gateway-started").up().build();
    }
}
