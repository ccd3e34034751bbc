package com.voicegateway.voice.control;

import com.voicegateway.audio.control.AudioWork;
import com.voicegateway.audio.control.OggOpusEncoder;
import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.relay.control.ReplyRelay;
import com.voicegateway.upstream.control.OpenedStream;
import com.voicegateway.upstream.entity.GenerationSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.StreamBrokenException;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.upstream.entity.UpstreamChunk;
import com.voicegateway.upstream.entity.UpstreamException;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.redis.entity.RedisUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.AbstractPipeline;

/**
 * The spoken replies of voice turns. A reply's text goes to a speech-generation model through the
 * SDK; the PCM it streams back is encoded to Ogg/Opus on the codec threads as it arrives, and each
 * Ogg page is appended to Redis at once. So {@code reply.ogg} can be fetched from any node, while it
 * is still being produced, and nothing of it is held in the gateway's heap beyond one page.
 *
 * <p>Redis keys share the session's hash tag: {@code vg:s:{id}:r:<utteranceId>} (the Ogg bytes) and
 * {@code …:meta} (a hash: {@code state} producing|complete|failed, {@code owner}, {@code durationMs},
 * {@code bytes}). Both expire after {@code gateway.voice.reply-ttl-seconds}. A reply whose speech
 * failed midway is still a valid Ogg/Opus file, ended where the audio stopped, and marked failed.
 */
@ApplicationScoped
public class SpokenReplies {

    private static final Logger LOG = Logger.getLogger(SpokenReplies.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final Pattern ID = Pattern.compile("u_[0-9a-zA-Z]{22}");
    private static final Pattern PCM = Pattern.compile("(?i)^audio/(?:l16|pcm)\\b.*?(?:rate=(\\d+))?\\s*$");
    private static final Pattern RATE = Pattern.compile("(?i)rate=(\\d+)");
    private static final int READ_BLOCK = 64 * 1024;
    /** How long a reader sleeps between looks at Redis when no local append wakes it (another node produces). */
    private static final long POLL_MILLIS = 50;

    public static final String OGG = "audio/ogg";

    /** What a reader finds about a reply. */
    public enum State { PRODUCING, COMPLETE, FAILED }

    /** Told once, when the first audio of a reply is stored and its URL can be fetched. */
    @FunctionalInterface
    public interface Started {
        void at(MessageAudio audio) throws IOException;
    }

    @Inject
    RedisAccess redis;

    @Inject
    ReplyRelay relay;

    @Inject
    AudioWork work;

    @Inject
    GatewayMetrics metrics;

    @Inject
    @ConfigProperty(name = "gateway.voice.speech-model", defaultValue = "gemini-2.5-flash-preview-tts")
    String speechModel;

    @Inject
    @ConfigProperty(name = "gateway.voice.voice")
    Optional<String> defaultVoice;

    @Inject
    @ConfigProperty(name = "gateway.voice.reply-bitrate", defaultValue = "24000")
    int bitrate;

    @Inject
    @ConfigProperty(name = "gateway.voice.reply-complexity", defaultValue = "0")
    int complexity;

    @Inject
    @ConfigProperty(name = "gateway.voice.reply-ttl-seconds", defaultValue = "1800")
    long ttlSeconds;

    @Inject
    @ConfigProperty(name = "gateway.voice.reply-stall-ms", defaultValue = "60000")
    long stallMillis;

    /** Readers waiting for more of a reply this node produces, by data key: woken on each append. */
    private final Map<String, Object> wakeUps = new ConcurrentHashMap<>();

    public static String newId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "u_" + new String(id);
    }

    /** Also guards Redis keys: nothing but letters and digits after the prefix reaches a key name. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public OpusSettings settings() {
        return OpusSettings.voice().withBitrate(bitrate).withComplexity(complexity);
    }

    /**
     * Speaks {@code text} into the reply {@code utteranceId} of session {@code sessionId}, served at
     * {@code url}. Returns the finished reply's metadata; throws the upstream's failure (the reply is
     * then marked failed) or the {@link IOException} of {@code started} (the client is gone).
     */
    public MessageAudio produce(String sessionId, String utteranceId, String owner, String url, String text, String voice,
            Started started) throws IOException {
        String data = dataKey(sessionId, utteranceId);
        String meta = data + ":meta";
        mark(meta, Map.of("state", "producing", "owner", owner, "mimeType", OGG, "createdAt", Long.toString(System.currentTimeMillis())));
        long begun = System.nanoTime();
        String chosenVoice = voice != null && !voice.isBlank() ? voice : defaultVoice.filter(v -> !v.isBlank()).orElse(null);
        Production production = new Production(data);
        boolean complete = false;
        try {
            OpenedStream opened = relay.open(new ModelCall(speechModel, null, List.of(Turn.user(text)), null, null,
                    GenerationSettings.NONE, new ModelCall.Speech(chosenVoice)));
            try {
                for (UpstreamChunk chunk = opened.first(); ; chunk = next(opened)) {
                    if (chunk.hasAudio()) {
                        boolean first = !production.started();
                        production.add(chunk.audio(), chunk.audioMimeType());
                        if (first) {
                            metrics.speech("first-audio", System.nanoTime() - begun);
                            started.at(new MessageAudio(OGG, null, null, null, url));
                        }
                    }
                    if (chunk.last()) {
                        break;
                    }
                }
            } finally {
                opened.stream().close();
            }
            if (!production.started()) {
                throw new StreamBrokenException("speech-without-audio", 502,
                        "The speech model " + speechModel + " answered without audio.", null);
            }
            production.finish();
            complete = true;
            mark(meta, Map.of("state", "complete", "durationMs", Long.toString(production.durationMillis()),
                    "bytes", Long.toString(production.stored)));
            metrics.speech("complete", System.nanoTime() - begun);
            return new MessageAudio(OGG, production.durationMillis(), production.stored, null, url);
        } finally {
            if (!complete) {
                production.abandon();
                try {
                    mark(meta, Map.of("state", "failed"));
                } catch (RedisUnavailableException down) {
                    LOG.log(Level.FINE, "Reply {0} not marked failed; it expires by itself", utteranceId);
                }
            }
            wake(data);
        }
    }

    private static UpstreamChunk next(OpenedStream opened) {
        UpstreamChunk chunk;
        try {
            chunk = opened.stream().next();
        } catch (UpstreamException e) {
            throw new StreamBrokenException("upstream-stream-broken", 502, "The spoken reply broke off midway: " + e.getMessage(), e);
        }
        if (chunk == null) {
            throw new StreamBrokenException("upstream-stream-cut", 502,
                    "The speech model closed the reply before it was complete; the audio so far is kept.", null);
        }
        return chunk;
    }

    /** The state of a reply, or null when there is none (never made, expired, or another session's). */
    public State state(String sessionId, String utteranceId) {
        String state = redis.call("reply-state", r -> r.hget(dataKey(sessionId, utteranceId) + ":meta", "state"));
        return state == null ? null : State.valueOf(state.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Copies a reply to {@code out} as it is produced: what is stored, then each page as it is
     * appended, until the reply is complete or failed. A reply that makes no progress for
     * {@code gateway.voice.reply-stall-ms} ends the copy where it is.
     */
    public void copyTo(String sessionId, String utteranceId, OutputStream out) throws IOException {
        String data = dataKey(sessionId, utteranceId);
        byte[] key = data.getBytes(StandardCharsets.UTF_8);
        Object signal = wakeUps.computeIfAbsent(data, k -> new Object());
        try {
            long offset = 0;
            long progress = System.nanoTime();
            while (true) {
                long from = offset;
                byte[] part = redis.call("reply-read", r -> r.getrange(key, from, from + READ_BLOCK - 1));
                if (part.length > 0) {
                    out.write(part);
                    out.flush();
                    offset += part.length;
                    progress = System.nanoTime();
                    continue;
                }
                if (state(sessionId, utteranceId) != State.PRODUCING) {
                    // the last pages may have been appended between the read and the state
                    long rest = offset;
                    out.write(redis.call("reply-read", r -> r.getrange(key, rest, -1)));
                    out.flush();
                    return;
                }
                if ((System.nanoTime() - progress) / 1_000_000 > stallMillis) {
                    LOG.log(Level.WARNING, "Spoken reply {0} made no progress for {1} ms; its download ends unfinished",
                            new Object[] {utteranceId, stallMillis});
                    return;
                }
                synchronized (signal) {
                    signal.wait(POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the spoken reply", e);
        } finally {
            wakeUps.remove(data, signal);
        }
    }

    private void mark(String meta, Map<String, String> fields) {
        redis.call("reply-mark", r -> {
            try (AbstractPipeline pipeline = r.pipelined()) {
                pipeline.hset(meta, fields);
                pipeline.pexpire(meta, ttlSeconds * 1000);
                pipeline.sync();
            }
            return null;
        });
    }

    private void wake(String data) {
        Object signal = wakeUps.get(data);
        if (signal != null) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    static String dataKey(String sessionId, String utteranceId) {
        return "vg:s:{" + sessionId + "}:r:" + utteranceId;
    }

    /** The sample rate of a PCM media type as Gemini names it ({@code audio/L16;codec=pcm;rate=24000}); 24 kHz if unsaid. */
    static int pcmRate(String mimeType) {
        if (mimeType == null || !PCM.matcher(mimeType.trim()).matches()) {
            throw new StreamBrokenException("speech-unsupported-format", 502,
                    "The speech model answered " + mimeType + "; the gateway takes 16-bit PCM (audio/L16;rate=...).", null);
        }
        Matcher rate = RATE.matcher(mimeType);
        return rate.find() ? Integer.parseInt(rate.group(1)) : 24_000;
    }

    /**
     * One reply being encoded: PCM in (little-endian 16-bit, chunks of any length, an odd byte kept
     * for the next), Ogg pages out to Redis as the writer completes them.
     */
    private final class Production {
        private final String data;
        private final byte[] key;
        private final ByteArrayOutputStream pages = new ByteArrayOutputStream(8 * 1024);
        private OggOpusEncoder encoder;
        private int rate;
        private long samples;
        private final LittleEndianPcm decoder = new LittleEndianPcm();
        private long pcmBytes;
        private long codecNanos;
        long stored;

        Production(String data) {
            this.data = data;
            this.key = data.getBytes(StandardCharsets.UTF_8);
        }

        boolean started() {
            return encoder != null;
        }

        void add(byte[] pcm, String mimeType) {
            if (encoder == null) {
                rate = pcmRate(mimeType);
                encoder = new OggOpusEncoder(pages, rate, settings());
            }
            pcmBytes += pcm.length;
            short[] block = decoder.next(pcm);
            samples += block.length;
            long start = System.nanoTime();
            work.call(() -> {
                encoder.write(block, 0, block.length);
                return null;
            });
            codecNanos += System.nanoTime() - start;
            store();
        }

        void finish() {
            long start = System.nanoTime();
            work.call(() -> {
                encoder.finish();
                return null;
            });
            codecNanos += System.nanoTime() - start;
            store();
            metrics.audioCodec("reply-encode", codecNanos, pcmBytes, stored);
        }

        /** Ends a reply that failed: what was encoded stays a playable file, cut where the audio stopped. */
        void abandon() {
            if (encoder == null) {
                return;
            }
            try {
                finish();
            } catch (RuntimeException notEnded) {
                LOG.log(Level.FINE, "Failed reply not ended cleanly", notEnded);
            }
        }

        long durationMillis() {
            return rate == 0 ? 0 : samples * 1000 / rate;
        }

        private void store() {
            if (pages.size() == 0) {
                return;
            }
            byte[] bytes = pages.toByteArray();
            pages.reset();
            redis.call("reply-append", r -> {
                try (AbstractPipeline pipeline = r.pipelined()) {
                    pipeline.append(key, bytes);
                    pipeline.pexpire(key, ttlSeconds * 1000);
                    pipeline.sync();
                }
                return null;
            });
            stored += bytes.length;
            wake(data);
        }
    }
}
