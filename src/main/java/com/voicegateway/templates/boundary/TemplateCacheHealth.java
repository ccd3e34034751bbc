package com.voicegateway.templates.boundary;

import com.voicegateway.templates.control.TemplateCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reported, not required: always UP, since without its cache a node reads templates from Redis, slower but correct. */
@Readiness
@ApplicationScoped
public class TemplateCacheHealth implements HealthCheck {

    @Inject
    TemplateCache templateCache;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("template-cache").up()
                .withData("mode", templateCache.isUp() ? "hazelcast" : "redis-only")
                .withData("members", templateCache.members()).build();
    }
}
