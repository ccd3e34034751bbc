package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.UpstreamSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import jakarta.inject.Inject;

/**
 * What readiness knows of the primary model's circuit breaker: MP Fault Tolerance offers no API for
 * its state, so it is learnt from outcomes (a call refused by the open circuit, a call that
 * succeeded). After the breaker's delay it is half-open at worst, and reported usable again.
 */
@ApplicationScoped
public class UpstreamCircuit {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(UpstreamCircuit.class.getName());

    @Inject
    UpstreamSettings upstream;

    private volatile long openedAtNanos;

    void opened() {
        boolean wasOpen = openedAtNanos != 0;
        openedAtNanos = System.nanoTime();
        if (!wasOpen) {
            // once per outage, not per refused call: the upstream is unreachable or failing, and clients get 503
            LOG.log(Level.WARNING, "The primary upstream model failed repeatedly and its circuit is open: calls go to the fallback "
                    + "model, or get 503, for {0} ms at a time until it answers again", Long.toString(upstream.circuitDelayMs()));
        }
    }

    void closed() {
        if (openedAtNanos != 0) {
            openedAtNanos = 0;
            LOG.info("The primary upstream model answers again; its circuit is closed");
        }
    }

    public boolean open() {
        long opened = openedAtNanos;
        return opened != 0 && System.nanoTime() - opened < upstream.circuitDelayMs() * 1_000_000L;
    }
}
