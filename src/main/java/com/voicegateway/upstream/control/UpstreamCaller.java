package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.UpstreamRejectedException;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Opens a reply on the primary model under the gateway's fault-tolerance policies. The call ends
 * when the first chunk is in hand and before any byte went to the client, so a retry here can
 * never repeat text the client already has. Parameters come from configuration
 * (microprofile-config.properties maps them to gateway.upstream.*).
 */
@ApplicationScoped
public class UpstreamCaller {

    @Inject
    UpstreamAttempt attempt;

    @Inject
    UpstreamCircuit circuit;

    @Retry(maxRetries = 3, delay = 0, jitter = 0, maxDuration = 30_000,
            retryOn = {UpstreamUnavailableException.class, TimeoutException.class},
            abortOn = {UpstreamRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = {UpstreamUnavailableException.class, TimeoutException.class})
    @Fallback(value = FallbackModel.class,
            applyOn = {UpstreamUnavailableException.class, TimeoutException.class, CircuitBreakerOpenException.class},
            skipOn = UpstreamRejectedException.class)
    public OpenedStream open(ModelCall call, Attempts attempts) {
        attempts.beforeAttempt();
        try {
            OpenedStream opened = attempt.firstChunk(call);
            circuit.closed();
            return opened;
        } catch (RuntimeException e) {
            attempts.failed(e);
            throw e;
        }
    }
}
