package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.UpstreamChunk;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * One try at getting the first chunk of a reply. Kept apart from {@link UpstreamCaller} so that
 * the backoff pause before a retry is outside the time-to-first-token {@code @Timeout}.
 */
@ApplicationScoped
public class UpstreamAttempt {

    @Inject
    GeminiClient gemini;

    /**
     * Opens the stream and waits for its first chunk with content. The OkHttp read timeout (same
     * setting) unblocks the socket read when this {@code @Timeout} fires.
     */
    @Timeout(15_000)
    public OpenedStream firstChunk(ModelCall call) {
        UpstreamStream stream = gemini.stream(call);
        try {
            UpstreamChunk first = stream.next();
            if (first == null) {
                throw new UpstreamUnavailableException(0, "The upstream closed the stream before its first chunk", null, null);
            }
            return new OpenedStream(stream, first, call.model(), System.nanoTime());
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }
}
