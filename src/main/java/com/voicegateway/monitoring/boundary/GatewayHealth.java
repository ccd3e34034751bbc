package com.voicegateway.monitoring.boundary;

import com.voicegateway.gemini.control.GeminiClient;
import com.voicegateway.gemini.control.UpstreamCircuit;
import com.voicegateway.sessions.control.RedisAccess;
import com.voicegateway.templates.control.TemplateCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Liveness: the JVM answers. Readiness: Redis answers a PING and the upstream's circuit is not open
 * (a node with an open circuit would only hand out 503s); the template cache is reported, not required. Startup: the application is deployed.
 */
@ApplicationScoped
public class GatewayHealth {

    @Inject
    RedisAccess redis;

    @Inject
    UpstreamCircuit circuit;

    @Inject
    GeminiClient gemini;

    @Inject
    TemplateCache templateCache;

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

    @Produces
    @Readiness
    HealthCheck redisReady() {
        return () -> HealthCheckResponse.named("redis").status(redis.ping()).withData("target", redis.target()).build();
    }

    /** Always UP: without its cache a node reads templates from Redis, slower but correct. */
    @Produces
    @Readiness
    HealthCheck templateCacheReady() {
        return () -> HealthCheckResponse.named("template-cache").up()
                .withData("mode", templateCache.isUp() ? "hazelcast" : "redis-only")
                .withData("members", templateCache.members()).build();
    }

    @Produces
    @Readiness
    HealthCheck upstreamReady() {
        return () -> HealthCheckResponse.named("upstream").status(!circuit.open())
                .withData("circuit", circuit.open() ? "open" : "closed")
                .withData("target", gemini.target()).build();
    }
}
