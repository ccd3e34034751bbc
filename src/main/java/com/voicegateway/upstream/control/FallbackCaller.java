package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** One attempt on the fallback model, behind a circuit breaker of its own. */
@ApplicationScoped
public class FallbackCaller {

    @Inject
    UpstreamAttempt attempt;

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = {UpstreamUnavailableException.class, TimeoutException.class})
    public OpenedStream open(ModelCall call) {
        return attempt.firstChunk(call);
    }
}
