package com.voicegateway.lifecycle.boundary;

import com.voicegateway.lifecycle.control.Drain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: DOWN from the moment the server is told to stop, so that no new work is routed here. */
@Readiness
@ApplicationScoped
public class DrainHealth implements HealthCheck {

    @Inject
    Drain drain;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shutdown").status(!drain.draining()).withData("draining", drain.draining()).build();
    }
}
