package com.voicegateway.templates.boundary;

import com.voicegateway.templates.control.TemplateCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN only while the node's Hazelcast member is still starting (a node that has not joined could not
 * invalidate the other nodes' caches on a write it takes); after that reported, not required: UP, since
 * without its cache a node reads templates from Redis, slower but correct.
 */
@Readiness
@ApplicationScoped
public class TemplateCacheHealth implements HealthCheck {

    @Inject
    TemplateCache templateCache;

    @Override
    public HealthCheckResponse call() {
        boolean starting = templateCache.starting();
        return HealthCheckResponse.named("template-cache").status(!starting)
                .withData("mode", starting ? "starting" : templateCache.isUp() ? "hazelcast" : "redis-only")
                .withData("members", templateCache.members()).build();
    }
}
