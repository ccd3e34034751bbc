package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.GeminiSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.UpstreamException;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import com.voicegateway.monitoring.control.GatewayMetrics;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * When the primary model cannot answer, try the fallback model once; when that fails too, a clear
 * 503 that carries the upstream's Retry-After if it gave one.
 */
@Dependent
public class FallbackModel implements FallbackHandler<OpenedStream> {

    private static final Logger LOG = Logger.getLogger(FallbackModel.class.getName());

    @Inject
    FallbackCaller fallback;

    @Inject
    UpstreamCircuit circuit;

    @Inject
    GatewayMetrics metrics;

    @Inject
    GeminiSettings gemini;

    @Override
    public OpenedStream handle(ExecutionContext context) {
        Throwable failure = context.getFailure();
        if (failure instanceof CircuitBreakerOpenException) {
            circuit.opened();
        }
        ModelCall call = (ModelCall) context.getParameters()[0];
        // the fallback is a text model: it cannot stand in for a speech model
        Optional<String> model = call.speech() != null ? Optional.empty()
                : gemini.fallbackModel().filter(name -> !name.isBlank() && !name.equals(call.model()));
        if (model.isEmpty()) {
            throw unavailable(failure);
        }
        metrics.fallback(model.get());
        LOG.fine(() -> "Primary model " + call.model() + " failed (" + failure + "); trying " + model.get());
        try {
            return fallback.open(call.onModel(model.get()));
        } catch (UpstreamException | CircuitBreakerOpenException | TimeoutException fallbackFailed) {
            throw unavailable(failure);
        }
    }

    private static UpstreamUnavailableException unavailable(Throwable failure) {
        if (failure instanceof UpstreamUnavailableException unavailable) {
            return unavailable;
        }
        String why = failure instanceof CircuitBreakerOpenException ? "its circuit is open after repeated failures"
                : failure instanceof TimeoutException ? "it did not send a first token in time" : "its call failed";
        return new UpstreamUnavailableException(0, "The upstream model is unavailable: " + why + ".", null, failure);
    }
}
