package com.voicegateway.chat.boundary;

import com.voicegateway.chat.control.ReplyChannel;
import com.voicegateway.chat.control.ReplyWriter;
import com.voicegateway.chat.entity.ReplyFormat;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.problems.boundary.ProblemMapper;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A reply relayed into a suspended JAX-RS request. Streaming formats resume the request with a
 * {@link StreamingOutput} that writes each event as the relay produces it; the relay thread waits
 * until that output has finished, so the upstream stream outlives neither side.
 */
final class AsyncReply implements ReplyChannel {

    private static final Logger LOG = Logger.getLogger(AsyncReply.class.getName());

    private final AsyncResponse async;
    private final ReplyFormat format;
    private final GatewayMetrics metrics;
    private final String route;
    private final long arrivedNanos;
    private final long maxStreamMillis;

    AsyncReply(AsyncResponse async, ReplyFormat format, GatewayMetrics metrics, String route, long arrivedNanos,
            long maxStreamMillis) {
        this.async = async;
        this.format = format;
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
    public void open(Body body) {
        if (format == ReplyFormat.JSON) {
            JsonCollector collected = new JsonCollector();
            try {
                body.writeTo(collected);
            } catch (IOException impossible) {
                throw new IllegalStateException("collecting in memory does not do I/O", impossible);
            }
            async.resume(collected.problem() != null
                    ? Response.status(collected.problem().status()).type(ProblemMapper.PROBLEM_JSON).entity(collected.problem()).build()
                    : Response.ok(collected.reply(), format.mediaType()).build());
            finished();
            return;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        StreamingOutput output = out -> {
            try {
                // Commits the headers: on Liberty the first flush of a response sends no body bytes,
                // which would hold the first delta back until the second.
                out.flush();
                body.writeTo(writerFor(out));
            } catch (IOException clientGone) {
                LOG.log(Level.FINE, "Client went away mid-reply; upstream call cancelled", clientGone);
            } finally {
                written.complete(null);
            }
        };
        boolean resumed = async.resume(Response.ok(output, format.mediaType())
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build());
        if (resumed) {
            awaitWritten(written);
        }
        finished();
    }

    private ReplyWriter writerFor(OutputStream out) {
        return format == ReplyFormat.SSE ? new SseWriter(out) : new NdjsonWriter(out);
    }

    private void awaitWritten(CompletableFuture<Void> written) {
        try {
            written.get(maxStreamMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(Level.WARNING, "Reply output did not finish in time", e);
        }
    }

    private void finished() {
        metrics.request(route, format.label(), System.nanoTime() - arrivedNanos);
    }
}
