package com.voicegateway.upstream.boundary;

import com.voicegateway.upstream.control.GeminiClient;
import com.voicegateway.upstream.control.UpstreamCircuit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the upstream's circuit is not open (a node with an open circuit would only hand out 503s). */
@Readiness
@ApplicationScoped
public class UpstreamHealth implements HealthCheck {

    @Inject
    UpstreamCircuit circuit;

    @Inject
    GeminiClient gemini;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("upstream").status(!circuit.open())
                .withData("circuit", circuit.open() ? "open" : "closed")
                .withData("target", gemini.target()).build();
    }
}
