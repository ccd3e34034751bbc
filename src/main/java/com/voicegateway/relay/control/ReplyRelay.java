package com.voicegateway.relay.control;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.relay.entity.Usage;
import com.voicegateway.upstream.control.Attempts;
import com.voicegateway.upstream.control.OpenedStream;
import com.voicegateway.upstream.control.UpstreamCaller;
import com.voicegateway.upstream.control.UpstreamStream;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.StreamBrokenException;
import com.voicegateway.upstream.entity.UpstreamChunk;
import com.voicegateway.upstream.entity.UpstreamException;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.upstream.entity.UpstreamSettings;
import com.voicegateway.lifecycle.control.Drain;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Relays one upstream reply to one client: opens it under the upstream policies, then forwards each
 * chunk the moment it arrives. The {@code @Bulkhead} spans the whole reply, so it bounds concurrent
 * upstream streams; over the bound a request is refused at once with 503.
 */
@ApplicationScoped
public class ReplyRelay {

    @Inject
    UpstreamCaller upstream;

    @Inject
    GatewayMetrics metrics;

    @Inject
    UpstreamSettings upstreamSettings;

    @Inject
    Drain drain;

    /**
     * Runs on a relay thread. {@code arrivedNanos} is when the request reached the gateway, for the
     * time-to-first-token it reports.
     */
    @Bulkhead(512)
    public void relay(ModelCall call, long arrivedNanos, ReplyChannel channel) {
        OpenedStream opened;
        long upstreamStarted = System.nanoTime();
        try {
            opened = open(call);
        } catch (RuntimeException e) {
            metrics.outcome("refused");
            channel.failed(e);
            return;
        }
        long ttftNanos = opened.firstChunkNanos() - arrivedNanos;
        metrics.ttft(opened.model(), ttftNanos);
        metrics.streamStarted();
        // at the drain deadline the upstream stream is closed: the reply then ends with a shutting-down error
        AutoCloseable inFlight = drain.track(() -> opened.stream().close());
        try {
            channel.upstream(upstreamStarted, opened.firstChunkNanos());
            channel.open(writer -> forward(opened, ttftNanos, writer));
        } finally {
            metrics.streamEnded();
            opened.stream().close();
            untrack(inFlight);
        }
    }

    /**
     * Opens {@code call} under the upstream policies (retries with backoff, circuit breaker, fallback
     * model) without a bulkhead slot of its own: for upstream work that serves a reply already
     * holding one (a voice turn's transcript and speech).
     */
    public OpenedStream open(ModelCall call) {
        return upstream.open(call, new Attempts(Duration.ofMillis(upstreamSettings.retryDelayMs()),
                Duration.ofMillis(upstreamSettings.retryMaxDelayMs()), Duration.ofMillis(upstreamSettings.retryAfterCapMs())));
    }

    private void forward(OpenedStream opened, long ttftNanos, ReplyWriter writer) throws IOException {
        UpstreamStream stream = opened.stream();
        UpstreamChunk chunk = opened.first();
        String outcome = "cancelled";
        try {
            while (true) {
                if (!chunk.text().isEmpty()) {
                    writer.delta(chunk.text());
                }
                if (chunk.last()) {
                    outcome = "complete";
                    metrics.upstreamDone(opened.model(), System.nanoTime() - opened.firstChunkNanos() + ttftNanos,
                            chunk.promptTokens(), chunk.outputTokens());
                    writer.done(new ReplyDone("msg_" + UUID.randomUUID(), opened.model(), chunk.finishReason(),
                            new Usage(chunk.promptTokens(), chunk.outputTokens()), Duration.ofNanos(ttftNanos).toMillis(), false));
                    return;
                }
                UpstreamChunk next;
                try {
                    next = nextOrBroken(stream);
                } catch (UpstreamException ended) {
                    if (drain.expired()) {
                        outcome = "shutdown";
                        writer.error(new GatewayException(ProblemType.SHUTTING_DOWN, "This gateway node is shutting down; the "
                                + "reply so far is partial. Send it again (to another node).", Duration.ofSeconds(2), null).problem());
                        return;
                    }
                    throw ended;
                }
                if (next == null) {
                    outcome = "broken";
                    writer.error(new StreamBrokenException(ProblemType.UPSTREAM_STREAM_CUT,
                            "The upstream closed the reply before it was complete; the text so far is partial.", null).problem());
                    return;
                }
                chunk = next;
            }
        } catch (StreamBrokenException broken) {
            outcome = "broken";
            writer.error(broken.problem());
        } finally {
            metrics.outcome(outcome);
        }
    }

    private static void untrack(AutoCloseable inFlight) {
        try {
            inFlight.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static UpstreamChunk nextOrBroken(UpstreamStream stream) {
        try {
            return stream.next();
        } catch (UpstreamException e) {
            if (stream.closed()) {
                // we closed it ourselves (client gone): not an upstream failure
                throw e;
            }
            throw new StreamBrokenException(ProblemType.UPSTREAM_STREAM_BROKEN,
                    "The upstream reply broke off midway: " + e.getMessage(), e);
        }
    }
}
