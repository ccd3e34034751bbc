package com.voicegateway.upstream.entity;

import com.voicegateway.problems.entity.GatewayException;
import java.time.Duration;

/**
 * The upstream model failed. Subclasses tell the fault-tolerance policies what to do:
 * {@link UpstreamUnavailableException} is worth retrying and trips the circuit,
 * {@link UpstreamRejectedException} is not (the request itself was refused).
 */
public abstract class UpstreamException extends GatewayException {

    private static final long serialVersionUID = 1L;

    protected UpstreamException(String slug, String title, int status, String detail, Duration retryAfter, Throwable cause) {
        super(slug, title, status, detail, retryAfter, cause);
    }
}
