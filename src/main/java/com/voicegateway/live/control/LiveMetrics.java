package com.voicegateway.live.control;

import com.voicegateway.monitoring.control.MetricRegistration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Live voice metrics ({@code gateway.live.*}): sessions, the time a user waits for the reply,
 * per-frame relay latency both ways, frames dropped and late, jitter-buffer depth, reconnects by
 * cause, resumptions by outcome, watchdog firings and codec time. Handles are cached per tag value.
 */
@ApplicationScoped
public class LiveMetrics {

    private static final Metadata REPLY = Metadata.builder().withName("gateway.live.reply.latency")
            .withDescription("Time from the end of the user's speech to the first reply audio frame sent to the client")
            .withUnit(MetricUnits.SECONDS).build();
    private static final Metadata RELAY = Metadata.builder().withName("gateway.live.relay.latency")
            .withDescription("Per-frame relay latency: client frame in to upstream sent (direction=upstream), upstream audio in "
                    + "to its frame handed to the client's socket, jitter buffer and send queue included (direction=client)")
            .withUnit(MetricUnits.SECONDS).build();
    private static final Metadata DROPPED = Metadata.builder().withName("gateway.live.frames.dropped")
            .withDescription("Audio frames dropped, by reason: barge-in (reply audio flushed), client-behind (client queue full), "
                    + "replay-overflow (client audio beyond the replay buffer)").build();
    private static final Metadata LATE = Metadata.builder().withName("gateway.live.frames.late")
            .withDescription("Playout ticks that found no audio while a reply was still coming (jitter-buffer underruns)").build();
    private static final Metadata DEPTH = Metadata.builder().withName("gateway.live.jitter.depth")
            .withDescription("Reply audio frames waiting in the jitter buffer, sampled at each playout tick").build();
    private static final Metadata HELD = Metadata.builder().withName("gateway.live.upstream.held")
            .withDescription("Times reading an upstream Live connection was held because the session's jitter buffer was full "
                    + "(gateway.live.max-buffered-ms or -bytes): the reply came faster than real time and waited upstream").build();
    private static final Metadata RECONNECTS = Metadata.builder().withName("gateway.live.reconnects")
            .withDescription("Upstream Live connections replaced, by cause: go-away, connection-cap, upstream-closed, stall").build();
    private static final Metadata RESUMPTIONS = Metadata.builder().withName("gateway.live.resumptions")
            .withDescription("Upstream connections opened with a resumption handle, by outcome: resumed, refused (fresh "
                    + "conversation instead), failed").build();
    private static final Metadata WATCHDOG = Metadata.builder().withName("gateway.live.watchdog")
            .withDescription("Watchdog firings, by kind: stall (no reply in time), silent (near-silent reply audio), empty "
                    + "(turn complete without content), client-stalled (a send that never ended)").build();
    private static final Metadata CODEC = Metadata.builder().withName("gateway.live.codec")
            .withDescription("Opus work per 20 ms frame, by operation: decode (client audio), encode (reply audio)")
            .withUnit(MetricUnits.SECONDS).build();

    @Inject
    MetricRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private Timer reply;
    private Histogram depth;
    private Counter late;
    private Counter held;

    private MetricRegistration registration;

    @PostConstruct
    void register() {
        registration = new MetricRegistration();
        reply = registry.timer(REPLY);
        depth = registry.histogram(DEPTH);
        late = registry.counter(LATE);
        held = registry.counter(HELD);
    }

    void sessions(LongSupplier open) {
        registry.gauge(Metadata.builder().withName("gateway.live.sessions")
                .withDescription("Live voice sessions open right now").build(), open, LongSupplier::getAsLong);
    }

    void replyLatency(long nanos) {
        reply.update(Duration.ofNanos(nanos));
    }

    void upstreamFrameLatency(long nanos) {
        timer(RELAY, "direction", "upstream").update(Duration.ofNanos(nanos));
    }

    void clientFrameLatency(long nanos) {
        timer(RELAY, "direction", "client").update(Duration.ofNanos(nanos));
    }

    void codec(String operation, long nanos) {
        timer(CODEC, "operation", operation).update(Duration.ofNanos(nanos));
    }

    void framesDropped(String reason, int count) {
        counter(DROPPED, "reason", reason).inc(count);
    }

    void framesDropped(String reason) {
        framesDropped(reason, 1);
    }

    void late() {
        late.inc();
    }

    void upstreamHeld() {
        held.inc();
    }

    void depth(int frames) {
        depth.update(frames);
    }

    void reconnect(String cause) {
        counter(RECONNECTS, "cause", cause).inc();
    }

    void resumption(String outcome) {
        counter(RESUMPTIONS, "outcome", outcome).inc();
    }

    void watchdog(String kind) {
        counter(WATCHDOG, "kind", kind).inc();
    }

    private Counter counter(Metadata metadata, String tag, String value) {
        return counters.computeIfAbsent(metadata.getName() + '|' + value, key -> registration.register(() -> registry.counter(metadata, new Tag(tag, value))));
    }

    private Timer timer(Metadata metadata, String tag, String value) {
        return timers.computeIfAbsent(metadata.getName() + '|' + value, key -> registration.register(() -> registry.timer(metadata, new Tag(tag, value))));
    }
}
