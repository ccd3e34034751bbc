package com.voicegateway.chat.boundary;

import com.voicegateway.chat.control.ReplyChannel;
import com.voicegateway.chat.entity.ReplyFormat;
import com.voicegateway.monitoring.control.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Turns a suspended REST request into a reply channel in the format its {@code Accept} asks for (406 if none). */
@ApplicationScoped
public class ReplyStreams {

    @Inject
    GatewayMetrics metrics;

    @Inject
    @ConfigProperty(name = "gateway.upstream.total-timeout-ms", defaultValue = "120000")
    long totalTimeoutMs;

    public ReplyChannel channel(HttpHeaders headers, AsyncResponse async, String route, long arrivedNanos) {
        ReplyFormat format = ReplyFormat.negotiate(headers.getAcceptableMediaTypes());
        if (format == null) {
            throw new NotAcceptableException();
        }
        // No AsyncResponse.setTimeout here: it costs a service lookup per request; server.xml sets the
        // async timeout (stream.timeout.ms) above the longest reply instead.
        return new AsyncReply(async, format, metrics, route, arrivedNanos, totalTimeoutMs + 30_000);
    }
}
