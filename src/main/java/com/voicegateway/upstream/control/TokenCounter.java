package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.UpstreamRejectedException;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Counts a call's tokens upstream. Counting changes nothing upstream, so it is retried; it is also
 * not a stream, so it needs no circuit, bulkhead or relay thread of its own. Parameters come from
 * configuration (microprofile-config.properties maps them to gateway.upstream.*).
 */
@ApplicationScoped
public class TokenCounter {

    @Inject
    GeminiClient client;

    @Timeout(15_000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100,
            retryOn = {UpstreamUnavailableException.class, TimeoutException.class},
            abortOn = UpstreamRejectedException.class)
    public int count(ModelCall call) {
        return client.countTokens(call);
    }
}
