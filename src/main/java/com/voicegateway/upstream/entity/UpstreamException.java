package com.voicegateway.upstream.entity;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.ProblemType;
import java.time.Duration;

/**
 * The upstream model failed. Subclasses tell the fault-tolerance policies what to do:
 * {@link UpstreamUnavailableException} is worth retrying and trips the circuit,
 * {@link UpstreamRejectedException} is not (the request itself was refused).
 */
public abstract class UpstreamException extends GatewayException {

    private static final long serialVersionUID = 1L;

    protected UpstreamException(ProblemType type, String detail, Duration retryAfter, Throwable cause) {
        super(type, detail, retryAfter, cause);
    }
}
