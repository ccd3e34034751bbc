package com.voicegateway.responses.control;

import com.voicegateway.relay.control.RelayThreads;
import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.relay.entity.Usage;
import com.voicegateway.responses.entity.ResponseSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.responses.entity.CachePolicy;
import com.voicegateway.responses.entity.StoredReply;
import com.voicegateway.upstream.entity.UpstreamSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response cache and request coalescing in front of the relay, for completions and the
 * Gemini-compatible surface (not session messages: a conversation's next turn is never a repeat).
 * A call is identified by {@link ModelCall#fingerprint()}. A stored reply is replayed, chunk by
 * chunk, with {@code cached: true} in its {@code done}; else an identical call already in flight on
 * this node is joined (one upstream call serves every one of them, followers need no bulkhead
 * slot); else this request leads a call of its own, and its reply is stored once complete.
 */
@ApplicationScoped
public class CachedReplies {

    private static final Logger LOG = Logger.getLogger(CachedReplies.class.getName());
    /** Replies that ended as the model meant them to; a blocked or cut reply is never stored. */
    private static final Set<String> STORABLE_ENDS = Set.of("STOP", "MAX_TOKENS");

    @Inject
    RelayThreads threads;

    @Inject
    ResponseCache cache;

    @Inject
    ResponseSettings settings;

    @Inject
    UpstreamSettings upstream;

    private final Map<String, Flight> flights = new ConcurrentHashMap<>();

    public void reply(ModelCall call, CachePolicy policy, long arrivedNanos, ReplyChannel channel) {
        if (policy == CachePolicy.BYPASS) {
            threads.relay(call, arrivedNanos, channel);
            return;
        }
        String key = call.fingerprint();
        if (policy.reads()) {
            Optional<StoredReply> stored = cache.find(key);
            if (stored.isPresent()) {
                threads.run(() -> channel.open(writer -> replay(stored.get(), arrivedNanos, writer)));
                return;
            }
        }
        if (policy.reads() && settings.coalescing()) {
            while (true) {
                Flight mine = new Flight();
                Flight running = flights.putIfAbsent(key, mine);
                if (running == null) {
                    lead(key, call, mine, true, arrivedNanos, channel);
                    return;
                }
                if (running.join()) {
                    cache.counters().coalesced();
                    follow(running, arrivedNanos, channel);
                    return;
                }
                // it ended without a reply to share (refused, broken, abandoned): start afresh
                flights.remove(key, running);
            }
        }
        lead(key, call, new Flight(), false, arrivedNanos, channel);
    }

    /** Number of calls in flight that others may join: for tests and the admin view. */
    public int inFlight() {
        return flights.size();
    }

    private void lead(String key, ModelCall call, Flight flight, boolean shared, long arrivedNanos, ReplyChannel channel) {
        Leader leader = new Leader(key, call, flight, shared, channel);
        try {
            threads.relay(call, arrivedNanos, leader);
        } catch (RuntimeException full) {
            flight.refused(full);
            leader.finish();
            throw full;
        }
    }

    private void follow(Flight flight, long arrivedNanos, ReplyChannel channel) {
        long deadline = arrivedNanos + TimeUnit.MILLISECONDS.toNanos(upstream.totalTimeoutMs() + 5_000);
        try {
            threads.run(() -> {
                try {
                    long waitBegan = System.nanoTime();
                    RuntimeException refused = flight.awaitStart(deadline);
                    if (refused != null) {
                        channel.failed(refused);
                        return;
                    }
                    // waiting for the leader's upstream call to start replying is upstream time, not the gateway's
                    channel.upstream(waitBegan, System.nanoTime());
                    channel.open(writer -> {
                        try {
                            flight.replay(writer, arrivedNanos, deadline);
                        } catch (IOException clientGone) {
                            flight.followerGone();
                            throw clientGone;
                        }
                    });
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    flight.followerGone();
                }
            });
        } catch (RuntimeException full) {
            flight.followerGone();
            throw full;
        }
    }

    private static void replay(StoredReply stored, long arrivedNanos, ReplyWriter writer) throws IOException {
        long ttftMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrivedNanos);
        for (String delta : stored.deltas()) {
            writer.delta(delta);
        }
        writer.done(new ReplyDone("msg_" + UUID.randomUUID(), stored.model(), stored.finishReason(),
                new Usage(stored.promptTokens(), stored.outputTokens()), ttftMs, true));
    }

    /**
     * The leading request's channel: everything the relay writes goes to the flight first, then to
     * the client. When the client goes away the relay goes on for the followers, if there are any.
     */
    private final class Leader implements ReplyChannel {

        private final String key;
        private final ModelCall call;
        private final Flight flight;
        private final boolean shared;
        private final ReplyChannel client;
        private final long startedNanos = System.nanoTime();
        private boolean stored;

        Leader(String key, ModelCall call, Flight flight, boolean shared, ReplyChannel client) {
            this.key = key;
            this.call = call;
            this.flight = flight;
            this.shared = shared;
            this.client = client;
        }

        @Override
        public void failed(RuntimeException failure) {
            flight.refused(failure);
            finish();
            client.failed(failure);
        }

        @Override
        public void upstream(long startedNanos, long firstChunkNanos) {
            client.upstream(startedNanos, firstChunkNanos);
        }

        @Override
        public void open(Body body) {
            flight.opened();
            try {
                client.open(writer -> body.writeTo(new Tee(writer)));
            } finally {
                flight.end();
                finish();
            }
        }

        /** Lets the key go, after storing the reply if it is complete and was not stored yet. */
        void finish() {
            store();
            if (shared) {
                flights.remove(key, flight);
            }
        }

        /**
         * Stores a complete reply, once. Called before the client sees {@code done}: a client that
         * repeats its request after the reply ended finds it stored, not still in flight.
         */
        private void store() {
            if (stored) {
                return;
            }
            StoredReply complete = flight.completed();
            if (complete == null) {
                return;
            }
            stored = true;
            if (complete.model().equals(call.model()) && STORABLE_ENDS.contains(complete.finishReason()) && cache.fits(flight.chars())) {
                cache.store(key, complete, System.nanoTime() - startedNanos);
            }
        }

        private final class Tee implements ReplyWriter {

            private final ReplyWriter writer;
            private boolean clientGone;

            Tee(ReplyWriter writer) {
                this.writer = writer;
            }

            @Override
            public void delta(String text) throws IOException {
                flight.delta(text);
                if (!clientGone) {
                    try {
                        writer.delta(text);
                        return;
                    } catch (IOException gone) {
                        clientGone = true;
                        LOG.log(Level.FINE, "Leading client went away; the reply goes on if others share it", gone);
                    }
                }
                if (flight.abandonIfAlone()) {
                    throw new IOException("every client of this reply went away");
                }
            }

            @Override
            public void done(ReplyDone done) throws IOException {
                flight.done(done);
                store();
                if (!clientGone) {
                    writer.done(done);
                }
            }

            @Override
            public void error(Problem problem) throws IOException {
                flight.error(problem);
                if (!clientGone) {
                    writer.error(problem);
                }
            }
        }
    }
}
