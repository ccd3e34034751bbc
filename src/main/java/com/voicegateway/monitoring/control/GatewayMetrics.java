package com.voicegateway.monitoring.control;

import com.voicegateway.caching.control.CacheCounters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The gateway's own metrics (MP Fault Tolerance adds its retry, breaker, bulkhead and fallback
 * counts by itself). Latency timers are Prometheus histograms whose buckets are set in
 * microprofile-config.properties (no client-side quantiles: they do not aggregate across nodes);
 * every family is listed in docs/metrics.md. Metric handles are cached per tag value: the hot path does one
 * map lookup, not a registry lookup.
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final Metadata TTFT = Metadata.builder().withName("gateway.ttft")
            .withDescription("Time from a request reaching the gateway to the first upstream token").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata UPSTREAM = Metadata.builder().withName("gateway.upstream.duration")
            .withDescription("Time from a request reaching the gateway to the last chunk of its upstream reply").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata REQUEST = Metadata.builder().withName("gateway.request.duration")
            .withDescription("Duration of gateway requests, from arrival to the last byte of the reply").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata TOKENS_IN = Metadata.builder().withName("gateway.tokens.input")
            .withDescription("Prompt tokens sent upstream, as counted by the upstream").build();
    private static final Metadata TOKENS_OUT = Metadata.builder().withName("gateway.tokens.output")
            .withDescription("Reply tokens received from upstream").build();
    private static final Metadata FALLBACKS = Metadata.builder().withName("gateway.upstream.fallbacks")
            .withDescription("Requests sent to the fallback model because the primary failed").build();
    private static final Metadata OUTCOMES = Metadata.builder().withName("gateway.streams.outcomes")
            .withDescription("Ends of replies: complete, cancelled (client gone), broken (upstream broke off after the first chunk), refused (failed before it)").build();

    private static final Metadata REDIS = Metadata.builder().withName("gateway.redis.duration")
            .withDescription("Latency of Redis commands and scripts, by operation").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata REDIS_ERRORS = Metadata.builder().withName("gateway.redis.errors")
            .withDescription("Redis operations that failed (unreachable, timed out, refused), by operation").build();
    private static final Metadata SESSION_MESSAGES = Metadata.builder().withName("gateway.sessions.messages.appended")
            .withDescription("Messages appended to session histories").build();
    private static final Metadata SESSIONS_CREATED = Metadata.builder().withName("gateway.sessions.created")
            .withDescription("Sessions created").build();

    private static final Metadata OVERHEAD = Metadata.builder().withName("gateway.overhead")
            .withDescription("Time the gateway itself added to a reply, by route: arrival to the reply's headers less the upstream "
                    + "call's share (to its first chunk for a streamed reply, to its last for a collected one), as in Server-Timing")
            .withUnit(MetricUnits.SECONDS).build();

    private static final Metadata CACHE_LOAD = Metadata.builder().withName("gateway.cache.load")
            .withDescription("Time to load a cache miss from its source of truth, by cache").withUnit(MetricUnits.SECONDS).build();

    @Inject
    MetricRegistry registry;

    private final Map<String, Timer> redisByOperation = new ConcurrentHashMap<>();
    private final Map<String, Counter> redisErrors = new ConcurrentHashMap<>();

    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Map<String, Timer> ttftByModel = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamByModel = new ConcurrentHashMap<>();
    private final Map<String, Timer> requestByRoute = new ConcurrentHashMap<>();
    private final Map<String, Counter> tokensIn = new ConcurrentHashMap<>();
    private final Map<String, Counter> tokensOut = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    private Counter sessionsCreated;
    private Counter messagesAppended;

    private MetricRegistration registration;

    @PostConstruct
    void register() {
        registration = new MetricRegistration();
        Metadata ratio = Metadata.builder().withName("gateway.audio.compression.ratio")
                .withDescription("Opus bytes / PCM-or-WAV bytes over all codec work of one direction since start "
                        + "(direction=encode: WAV or PCM compressed to Opus; decode: Opus expanded to WAV); 0 before any").build();
        registry.gauge(ratio, encoded, CodecBytes::ratio, new Tag("direction", "encode"));
        registry.gauge(ratio, decoded, CodecBytes::ratio, new Tag("direction", "decode"));
        sessionsCreated = registry.counter(SESSIONS_CREATED);
        messagesAppended = registry.counter(SESSION_MESSAGES);
        registry.gauge(Metadata.builder().withName("gateway.streams.active")
                .withDescription("Upstream replies being relayed right now").build(), activeStreams, AtomicInteger::get);
    }

    public void ttft(String model, long nanos) {
        ttftByModel.computeIfAbsent(model, m -> timer(TTFT, new Tag("model", m))).update(Duration.ofNanos(nanos));
    }

    public void upstreamDone(String model, long nanos, int promptTokens, int outputTokens) {
        upstreamByModel.computeIfAbsent(model, m -> timer(UPSTREAM, new Tag("model", m))).update(Duration.ofNanos(nanos));
        if (promptTokens > 0) {
            tokensIn.computeIfAbsent(model, m -> counter(TOKENS_IN, new Tag("model", m))).inc(promptTokens);
        }
        if (outputTokens > 0) {
            tokensOut.computeIfAbsent(model, m -> counter(TOKENS_OUT, new Tag("model", m))).inc(outputTokens);
        }
    }

    public void request(String route, String format, long nanos) {
        requestByRoute.computeIfAbsent(route + '|' + format,
                key -> timer(REQUEST, new Tag("route", route), new Tag("format", format))).update(Duration.ofNanos(nanos));
    }

    private final Map<String, Timer> overheadByRoute = new ConcurrentHashMap<>();

    public void overhead(String route, long nanos) {
        overheadByRoute.computeIfAbsent(route, r -> timer(OVERHEAD, new Tag("route", r))).update(Duration.ofNanos(nanos));
    }

    public void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> counter(OUTCOMES, new Tag("outcome", o))).inc();
    }

    public void fallback(String model) {
        counter(FALLBACKS, new Tag("model", model)).inc();
    }

    public void redis(String operation, long nanos) {
        redisByOperation.computeIfAbsent(operation, o -> timer(REDIS, new Tag("operation", o))).update(Duration.ofNanos(nanos));
    }

    public void redisError(String operation) {
        redisErrors.computeIfAbsent(operation, o -> counter(REDIS_ERRORS, new Tag("operation", o))).inc();
    }

    public void redisPool(java.util.function.IntSupplier active, java.util.function.IntSupplier idle) {
        registry.gauge(Metadata.builder().withName("gateway.redis.pool.active")
                .withDescription("Redis connections in use").build(), active, java.util.function.IntSupplier::getAsInt);
        registry.gauge(Metadata.builder().withName("gateway.redis.pool.idle")
                .withDescription("Redis connections idle in the pool").build(), idle, java.util.function.IntSupplier::getAsInt);
    }

    public void sessionCreated() {
        sessionsCreated.inc();
    }

    public void messagesAppended(int count) {
        messagesAppended.inc(count);
    }

    public void activeSessions(java.util.function.LongSupplier count) {
        registry.gauge(Metadata.builder().withName("gateway.sessions.active")
                .withDescription("Sessions that have not expired (sampled from Redis)").build(), count, java.util.function.LongSupplier::getAsLong);
    }

    public void streamStarted() {
        activeStreams.incrementAndGet();
    }

    public void streamEnded() {
        activeStreams.decrementAndGet();
    }

    /** Gauges reading one cache's counts on this node (see {@link CacheCounters}). */
    public void cache(String name, CacheCounters counters, java.util.function.LongSupplier evictions) {
        Tag cache = new Tag("cache", name);
        registry.gauge(Metadata.builder().withName("gateway.cache.hits").withDescription("Reads served by the cache, any layer").build(),
                counters, CacheCounters::hits, cache);
        registry.gauge(Metadata.builder().withName("gateway.cache.misses").withDescription("Reads that went to the source").build(),
                counters, CacheCounters::misses, cache);
        registry.gauge(Metadata.builder().withName("gateway.cache.hit.ratio").withDescription("hits / (hits + misses) since start").build(),
                counters, CacheCounters::ratio, cache);
        registry.gauge(Metadata.builder().withName("gateway.cache.coalesced")
                .withDescription("Misses that joined an identical call in flight instead of making their own").build(),
                counters, CacheCounters::coalescedCount, cache);
        registry.gauge(Metadata.builder().withName("gateway.cache.evictions").withDescription("Entries evicted for size (this member)").build(),
                evictions, java.util.function.LongSupplier::getAsLong, cache);
    }

    public void cacheLoad(String name, long nanos) {
        timer(CACHE_LOAD, new Tag("cache", name)).update(Duration.ofNanos(nanos));
    }

    /** Byte totals of one codec direction, for its compression ratio. */
    private static final class CodecBytes {
        final java.util.concurrent.atomic.AtomicLong opus = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong pcm = new java.util.concurrent.atomic.AtomicLong();

        double ratio() {
            long uncompressed = pcm.get();
            return uncompressed == 0 ? 0.0 : (double) opus.get() / uncompressed;
        }
    }

    private final CodecBytes encoded = new CodecBytes();
    private final CodecBytes decoded = new CodecBytes();

    /**
     * One piece of codec work: {@code operation} (encode, reply-encode, validate, decode) took
     * {@code nanos} and turned {@code bytesIn} into {@code bytesOut}. Encoding counts into the
     * encode ratio, decoding into the decode ratio, each as Opus bytes over PCM/WAV bytes.
     */
    public void audioCodec(String operation, long nanos, long bytesIn, long bytesOut) {
        Tag op = new Tag("operation", operation);
        timer(Metadata.builder().withName("gateway.audio.codec").withDescription("Time of codec work on one body, by operation")
                .withUnit(MetricUnits.SECONDS).build(), op).update(Duration.ofNanos(nanos));
        counter(Metadata.builder().withName("gateway.audio.bytes.before").withDescription("Audio bytes before codec work, by operation")
                .withUnit(MetricUnits.BYTES).build(), op).inc(bytesIn);
        counter(Metadata.builder().withName("gateway.audio.bytes.after").withDescription("Audio bytes after codec work, by operation")
                .withUnit(MetricUnits.BYTES).build(), op).inc(bytesOut);
        // validation (an Ogg/Opus upload checked, its bytes unchanged) is neither direction
        switch (operation) {
            case "encode", "reply-encode" -> {
                encoded.pcm.addAndGet(bytesIn);
                encoded.opus.addAndGet(bytesOut);
            }
            case "decode" -> {
                decoded.opus.addAndGet(bytesIn);
                decoded.pcm.addAndGet(bytesOut);
            }
            default -> {
            }
        }
    }

    private static final Metadata VOICE_TURNS = Metadata.builder().withName("gateway.voice.turns")
            .withDescription("Voice turns by how they ended: complete, speech-failed (text stored, no speech), broken (text broke off "
                    + "or the client left), not-stored (Redis failed at the end), refused (never started)").build();
    private static final Metadata SPEECH = Metadata.builder().withName("gateway.voice.speech")
            .withDescription("Spoken replies: time from asking the speech model to the first fetchable audio (stage first-audio) "
                    + "and to the whole reply stored (stage complete)").withUnit(MetricUnits.SECONDS).build();

    private final Map<String, Counter> voiceTurns = new ConcurrentHashMap<>();
    private final Map<String, Timer> speech = new ConcurrentHashMap<>();

    public void voiceTurn(String outcome) {
        voiceTurns.computeIfAbsent(outcome, o -> counter(VOICE_TURNS, new Tag("outcome", o))).inc();
    }

    public void speech(String stage, long nanos) {
        speech.computeIfAbsent(stage, s -> timer(SPEECH, new Tag("stage", s))).update(Duration.ofNanos(nanos));
    }

    private Timer timer(Metadata metadata, Tag... tags) {
        return registration.register(() -> registry.timer(metadata, tags));
    }

    private Counter counter(Metadata metadata, Tag... tags) {
        return registration.register(() -> registry.counter(metadata, tags));
    }
}
