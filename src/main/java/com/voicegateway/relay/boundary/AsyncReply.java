package com.voicegateway.relay.boundary;

import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.monitoring.entity.ServerTiming;
import com.voicegateway.relay.control.ReplyChannel;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A reply relayed into a suspended JAX-RS request, whatever its surface. A collected reply resumes
 * the request with one body; a streamed one with a {@link StreamingOutput} that writes each event as
 * the relay produces it, and the relay thread waits until that output has finished, so the upstream
 * stream outlives neither side. A failure before the first event resumes the request with the
 * exception, which the problem mapper (and, on the Gemini surface, its error filter) shapes.
 */
final class AsyncReply implements ReplyChannel {

    private static final Logger LOG = Logger.getLogger(AsyncReply.class.getName());

    private final AsyncResponse async;
    private final ReplyShape shape;
    private final GatewayMetrics metrics;
    private final String route;
    private final long arrivedNanos;
    private final long maxStreamMillis;
    private long upstreamStartedNanos;
    private long upstreamFirstChunkNanos;

    AsyncReply(AsyncResponse async, ReplyShape shape, GatewayMetrics metrics, String route, long arrivedNanos,
            long maxStreamMillis) {
        this.async = async;
        this.shape = shape;
        this.metrics = metrics;
        this.route = route;
        this.arrivedNanos = arrivedNanos;
        this.maxStreamMillis = maxStreamMillis;
    }

    @Override
    public void failed(RuntimeException failure) {
        async.resume(failure);
        finished();
    }

    @Override
    public void upstream(long startedNanos, long firstChunkNanos) {
        upstreamStartedNanos = startedNanos;
        upstreamFirstChunkNanos = firstChunkNanos;
    }

    @Override
    public void open(Body body) {
        ReplyShape.Collector collector = shape.collector();
        if (collector != null) {
            try {
                body.writeTo(collector);
            } catch (IOException impossible) {
                throw new IllegalStateException("collecting in memory does not do I/O", impossible);
            }
            // a collected reply: the upstream's share runs to its last chunk, which the collector has just taken
            long upstreamEnded = System.nanoTime();
            Response collected = collector.response();
            async.resume(timed(Response.fromResponse(collected), upstreamEnded).build());
            finished();
            return;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        StreamingOutput output = out -> {
            try {
                // Commits the headers: on Liberty the first flush of a response sends no body bytes,
                // which would hold the first delta back until the second.
                out.flush();
                body.writeTo(shape.streamTo(out));
            } catch (IOException clientGone) {
                LOG.log(Level.FINE, "Client went away mid-reply; upstream call cancelled", clientGone);
            } finally {
                written.complete(null);
            }
        };
        // a streamed reply: its headers go out with the first chunk, so the upstream's share is its time to that chunk
        boolean resumed = async.resume(timed(Response.ok(output, shape.streamType())
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no"), upstreamFirstChunkNanos).build());
        if (resumed) {
            awaitWritten(written);
        }
        finished();
    }

    /**
     * {@code Server-Timing: gateway;dur=..., upstream;dur=...}: the upstream's share from the call's
     * start to {@code upstreamUntilNanos}, the gateway's everything else from the request's arrival
     * until now (the headers about to go out); {@code RouteRecorder} records the gateway's share as
     * {@code gateway_overhead_seconds}. A reply told no upstream timing (none was called, a cached
     * one) is all the gateway's.
     */
    private Response.ResponseBuilder timed(Response.ResponseBuilder response, long upstreamUntilNanos) {
        long now = System.nanoTime();
        long upstreamNanos = upstreamStartedNanos == 0 ? 0 : Math.max(0, upstreamUntilNanos - upstreamStartedNanos);
        long gatewayNanos = Math.max(0, now - arrivedNanos - upstreamNanos);
        return response.header(ServerTiming.HEADER, ServerTiming.of(gatewayNanos, upstreamNanos));
    }

    private void awaitWritten(CompletableFuture<Void> written) {
        try {
            written.get(maxStreamMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Reply output did not finish in time", e);
        }
    }

    private void finished() {
        metrics.request(route, shape.label(), System.nanoTime() - arrivedNanos);
    }
}
