package com.voicegateway.voice.control;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.voice.entity.VoiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Spoken replies in Redis, and their download while they are still being produced.
 *
 * <p>Keys share the session's hash tag: {@code vg:s:{id}:r:<utteranceId>} (the Ogg bytes, appended
 * page by page), {@code …:meta} (a hash: {@code state} producing|complete|failed, {@code owner},
 * {@code durationMs}, {@code bytes}) and {@code …:n} (a stream of progress marks, trimmed to a few
 * entries: one per append and one per state change). All expire after
 * {@code gateway.voice.reply-ttl-seconds}.
 *
 * <p>A download copies what is stored, then waits for the next page without polling: a reader on
 * the node that produces the reply waits on a local signal the producer raises on every append; a
 * reader elsewhere blocks on the progress stream ({@code XREAD BLOCK}), woken by Redis as soon as a
 * mark is added. A blocked read holds a pooled connection, so at most
 * {@code gateway.voice.max-remote-downloads} such downloads run at once per node; past that a
 * download of a reply still in production is refused with 503 and {@code Retry-After}, before any
 * byte is sent (a finished reply needs no waiting and is always served).
 */
@ApplicationScoped
public class SpokenReplyStore {

    private static final Logger LOG = Logger.getLogger(SpokenReplyStore.class.getName());
    private static final int READ_BLOCK = 64 * 1024;
    /** One blocked read's longest wait: well under the Redis socket timeout, so a block never looks like a dead connection. */
    private static final int BLOCK_SLICE_MS = 400;

    /** What a reader finds about a reply. */
    public enum State { PRODUCING, COMPLETE, FAILED }

    @Inject
    RedisAccess redis;

    @Inject
    VoiceSettings settings;

    /** Replies this node is producing, by data key, with the signal their local readers wait on. */
    private final Map<String, Object> producing = new ConcurrentHashMap<>();
    private volatile Semaphore remoteDownloads;

    static String dataKey(String sessionId, String utteranceId) {
        return "vg:s:{" + sessionId + "}:r:" + utteranceId;
    }

    /** One reply being written by this node. Closing it wakes every reader one last time. */
    final class Writer implements AutoCloseable {
        private final String data;
        private final byte[] key;
        private final Object signal = new Object();

        private Writer(String data) {
            this.data = data;
            this.key = data.getBytes(StandardCharsets.UTF_8);
            producing.put(data, signal);
        }

        /** Sets fields of the reply's meta hash ({@code state} first of all) and tells readers. */
        void mark(Map<String, String> fields) {
            redis.call("reply-mark", r -> {
                try (AbstractPipeline pipeline = r.pipelined()) {
                    pipeline.hset(data + ":meta", fields);
                    pipeline.pexpire(data + ":meta", settings.replyTtlSeconds() * 1000);
                    progress(pipeline);
                    pipeline.sync();
                }
                return null;
            });
            wake();
        }

        /** Appends Ogg pages and tells readers. */
        void append(byte[] pages) {
            redis.call("reply-append", r -> {
                try (AbstractPipeline pipeline = r.pipelined()) {
                    pipeline.append(key, pages);
                    pipeline.pexpire(key, settings.replyTtlSeconds() * 1000);
                    progress(pipeline);
                    pipeline.sync();
                }
                return null;
            });
            wake();
        }

        private void progress(AbstractPipeline pipeline) {
            pipeline.xadd(data + ":n", XAddParams.xAddParams().maxLen(4).approximateTrimming(), Map.of("p", "1"));
            pipeline.pexpire(data + ":n", settings.replyTtlSeconds() * 1000);
        }

        private void wake() {
            synchronized (signal) {
                signal.notifyAll();
            }
        }

        @Override
        public void close() {
            producing.remove(data, signal);
            wake();
        }
    }

    /** Starts writing the reply {@code utteranceId}, marked producing. */
    Writer create(String sessionId, String utteranceId, Map<String, String> fields) {
        Writer writer = new Writer(dataKey(sessionId, utteranceId));
        writer.mark(fields);
        return writer;
    }

    /** The state of a reply, or null when there is none (never made, expired, or another session's). */
    public State state(String sessionId, String utteranceId) {
        String state = redis.call("reply-state", r -> r.hget(dataKey(sessionId, utteranceId) + ":meta", "state"));
        return state == null ? null : State.valueOf(state.toUpperCase(Locale.ROOT));
    }

    /**
     * A download of a reply, to be started before the response is committed: 503 now when the reply
     * is still produced on another node and this node already has its limit of such downloads.
     */
    public Download download(String sessionId, String utteranceId) {
        String data = dataKey(sessionId, utteranceId);
        boolean remote = !producing.containsKey(data) && state(sessionId, utteranceId) == State.PRODUCING;
        if (remote && !remoteDownloads().tryAcquire()) {
            throw new GatewayException(ProblemType.OVERLOADED, "This node already follows " + settings.maxRemoteDownloads()
                    + " spoken replies produced elsewhere; retry shortly.", Duration.ofSeconds(1), null);
        }
        return new Download(sessionId, utteranceId, data, remote);
    }

    private Semaphore remoteDownloads() {
        Semaphore permits = remoteDownloads;
        if (permits == null) {
            synchronized (this) {
                if (remoteDownloads == null) {
                    remoteDownloads = new Semaphore(Math.max(1, settings.maxRemoteDownloads()));
                }
                permits = remoteDownloads;
            }
        }
        return permits;
    }

    /** One reader of one reply. */
    public final class Download {
        private final String sessionId;
        private final String utteranceId;
        private final String data;
        private final byte[] key;
        private final boolean holdsPermit;
        private StreamEntryID seen = new StreamEntryID();

        private Download(String sessionId, String utteranceId, String data, boolean holdsPermit) {
            this.sessionId = sessionId;
            this.utteranceId = utteranceId;
            this.data = data;
            this.key = data.getBytes(StandardCharsets.UTF_8);
            this.holdsPermit = holdsPermit;
        }

        /**
         * Copies the reply to {@code out} as it is produced: what is stored, then each page as it is
         * appended, until the reply is complete or failed. A reply that makes no progress for
         * {@code gateway.voice.reply-stall-ms} (its producer died) ends the copy where it is.
         */
        public void copyTo(OutputStream out) throws IOException {
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
                    long waitedMs = (System.nanoTime() - progress) / 1_000_000;
                    if (waitedMs >= settings.replyStallMs()) {
                        LOG.log(Level.WARNING, "Spoken reply {0} made no progress for {1} ms; its download ends unfinished",
                                new Object[] {utteranceId, settings.replyStallMs()});
                        return;
                    }
                    awaitProgress(settings.replyStallMs() - waitedMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the spoken reply", e);
            } finally {
                if (holdsPermit) {
                    remoteDownloads().release();
                }
            }
        }

        /** Returns when the reply may have moved on (a page, a state change) or after at most {@code maxMs}. */
        private void awaitProgress(long maxMs) throws InterruptedException {
            Object signal = producing.get(data);
            if (signal != null) {
                synchronized (signal) {
                    // the producer raises the signal after each append and when it ends; a page stored
                    // between our read and this wait was marked in the stream, which we look at first
                    if (producing.get(data) == signal && !marked(0)) {
                        signal.wait(Math.max(1, maxMs));
                    }
                }
                return;
            }
            marked((int) Math.min(BLOCK_SLICE_MS, Math.max(1, maxMs)));
        }

        /** Reads progress marks newer than the last seen, blocking up to {@code blockMs} (0: not at all) for one. */
        private boolean marked(int blockMs) {
            XReadParams params = XReadParams.xReadParams().count(16);
            if (blockMs > 0) {
                params.block(blockMs);
            }
            List<Map.Entry<String, List<StreamEntry>>> read = redis.call("reply-wait",
                    r -> r.xread(params, Map.of(data + ":n", seen)));
            if (read == null || read.isEmpty() || read.get(0).getValue().isEmpty()) {
                return false;
            }
            List<StreamEntry> entries = read.get(0).getValue();
            seen = entries.get(entries.size() - 1).getID();
            return true;
        }
    }
}
