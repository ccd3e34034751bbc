package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.UpstreamSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What readiness knows of the primary model's circuit breaker: MP Fault Tolerance offers no API for
 * its state, so it is learnt from outcomes (a call refused by the open circuit, a call that
 * succeeded). After the breaker's delay it is half-open at worst, and reported usable again.
 */
@ApplicationScoped
public class UpstreamCircuit {

    @Inject
    UpstreamSettings upstream;

    private volatile long openedAtNanos;

    void opened() {
        openedAtNanos = System.nanoTime();
    }

    void closed() {
        if (openedAtNanos != 0) {
            openedAtNanos = 0;
        }
    }

    public boolean open() {
        long opened = openedAtNanos;
        return opened != 0 && System.nanoTime() - opened < upstream.circuitDelayMs() * 1_000_000L;
    }
}
