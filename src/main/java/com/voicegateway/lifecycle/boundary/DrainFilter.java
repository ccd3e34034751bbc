package com.voicegateway.lifecycle.boundary;

import com.voicegateway.lifecycle.control.Drain;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Once the server is told to stop, a new request is a 503 with Retry-After: another node should take it. */
@Provider
@PreMatching
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class DrainFilter implements ContainerRequestFilter {

    @Inject
    Drain drain;

    @Override
    public void filter(ContainerRequestContext request) {
        if (drain.draining()) {
            throw Drain.refusal();
        }
    }
}
