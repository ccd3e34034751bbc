package com.voicegateway.redis.boundary;

import com.voicegateway.redis.control.RedisAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: Redis answers a PING; without it no session or template can be read. */
@Readiness
@ApplicationScoped
public class RedisHealth implements HealthCheck {

    @Inject
    RedisAccess redis;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis").status(redis.ping()).withData("target", redis.target()).build();
    }
}
