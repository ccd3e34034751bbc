package com.voicegateway.gemini.boundary;

import com.voicegateway.chat.control.ReplyChannel;
import com.voicegateway.monitoring.control.GatewayMetrics;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A reply relayed into a suspended Gemini-surface request: collected into one
 * {@code GenerateContentResponse}, or streamed chunk by chunk (SSE or a JSON array). A failure
 * before the first chunk resumes the request with the exception, which the problem mapper maps
 * and {@link GeminiErrorFilter} puts into Gemini's error shape. As for the gateway's own API, the
 * relay thread waits until a streamed output has finished, so the upstream outlives neither side.
 */
final class GeminiReply implements ReplyChannel {

    /** How the reply goes out; {@code label} is the metric's {@code format}. */
    enum Format {
        JSON("json"), SSE("sse"), JSON_ARRAY("json-array");

        final String label;

        Format(String label) {
            this.label = label;
        }
    }

    static final String ROUTE = "gemini";
    private static final Logger LOG = Logger.getLogger(GeminiReply.class.getName());

    private final AsyncResponse async;
    private final Format format;
    private final GatewayMetrics metrics;
    private final long arrivedNanos;
    private final long maxStreamMillis;
    private final String responseId = UUID.randomUUID().toString().replace("-", "");

    GeminiReply(AsyncResponse async, Format format, GatewayMetrics metrics, long arrivedNanos, long maxStreamMillis) {
        this.async = async;
        this.format = format;
        this.metrics = metrics;
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
        if (format == Format.JSON) {
            GeminiCollector collected = new GeminiCollector(responseId);
            try {
                body.writeTo(collected);
            } catch (IOException impossible) {
                throw new IllegalStateException("collecting in memory does not do I/O", impossible);
            }
            async.resume(collected.problem() != null
                    ? Response.status(collected.problem().status()).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(GeminiJson.error(collected.problem(), 0).toString()).build()
                    : Response.ok(collected.response().toString(), MediaType.APPLICATION_JSON_TYPE).build());
            finished();
            return;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        StreamingOutput output = out -> {
            try {
                // Commits the headers: on Liberty the first flush of a response sends no body bytes,
                // which would hold the first chunk back until the second.
                out.flush();
                body.writeTo(new GeminiStreamWriter(out, format == Format.SSE, responseId));
            } catch (IOException clientGone) {
                LOG.log(Level.FINE, "Gemini client went away mid-reply; upstream call cancelled", clientGone);
            } finally {
                written.complete(null);
            }
        };
        boolean resumed = async.resume(Response.ok(output,
                        format == Format.SSE ? MediaType.SERVER_SENT_EVENTS_TYPE : MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build());
        if (resumed) {
            awaitWritten(written);
        }
        finished();
    }

    private void awaitWritten(CompletableFuture<Void> written) {
        try {
            written.get(maxStreamMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(Level.WARNING, "Gemini reply output did not finish in time", e);
        }
    }

    private void finished() {
        metrics.request(ROUTE, format.label, System.nanoTime() - arrivedNanos);
    }
}
