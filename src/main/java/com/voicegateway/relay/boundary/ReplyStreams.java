package com.voicegateway.relay.boundary;

import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.entity.ReplyFormat;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.upstream.entity.UpstreamSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Turns a suspended REST request into a reply channel: the one suspended-reply mechanism behind every
 * streamed surface. The gateway's API picks its format from {@code Accept} (406 if none fits).
 */
@ApplicationScoped
public class ReplyStreams {

    @Inject
    GatewayMetrics metrics;

    @Inject
    UpstreamSettings upstream;

    public ReplyChannel channel(HttpHeaders headers, AsyncResponse async, String route, long arrivedNanos) {
        ReplyFormat format = ReplyFormat.negotiate(headers.getAcceptableMediaTypes());
        if (format == null) {
            throw new NotAcceptableException();
        }
        return channel(async, new FormatShape(format), route, arrivedNanos);
    }

    /** A reply channel for a surface with its own wire shape (the Gemini-compatible API). */
    public ReplyChannel channel(AsyncResponse async, ReplyShape shape, String route, long arrivedNanos) {
        // No AsyncResponse.setTimeout here: it costs a service lookup per request; server.xml sets the
        // async timeout (stream.timeout.ms) above the longest reply instead.
        return new AsyncReply(async, shape, metrics, route, arrivedNanos, upstream.totalTimeoutMs() + 30_000);
    }
}
