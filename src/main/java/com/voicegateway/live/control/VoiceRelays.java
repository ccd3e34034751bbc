package com.voicegateway.live.control;

import com.voicegateway.live.entity.LiveSettings;
import com.voicegateway.sessions.control.ResumptionHandles;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.entity.Session;
import com.voicegateway.templates.control.Templates;
import jakarta.annotation.PostConstruct;
import com.voicegateway.lifecycle.control.Drain;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live voice conversations of this node, and what they share: the pacer (a couple of threads
 * that tick every playing reply's 20 ms frames and run the watchdogs of all sessions), the one
 * thread pool that writes turns and handles to Redis off the audio path, the dialer and the metrics.
 * On shutdown every client hears an {@code error} (503, shutting-down) and a close 1001, and may
 * reconnect to another node to resume.
 */
@ApplicationScoped
public class VoiceRelays {

    private static final Logger LOG = Logger.getLogger(VoiceRelays.class.getName());
    private static final long DRAIN_MS = 1_000;

    @Inject
    LiveSettings settings;

    @Inject
    LiveMetrics metrics;

    @Inject
    LiveDialer dialer;

    @Inject
    SessionStore store;

    @Inject
    ResumptionHandles handles;

    @Inject
    Templates templates;

    @Inject
    Drain drain;

    private final Set<VoiceRelay> open = ConcurrentHashMap.newKeySet();
    private ScheduledThreadPoolExecutor pacer;
    private ExecutorService storeThreads;

    @PostConstruct
    void start() {
        AtomicInteger named = new AtomicInteger();
        pacer = new ScheduledThreadPoolExecutor(settings.pacerThreads(), work -> {
            Thread thread = new Thread(work, "live-pacer-" + named.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
        pacer.setRemoveOnCancelPolicy(true);
        storeThreads = Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "live-store-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        metrics.sessions(open::size);
        drain.atDeadline(this::endAll);
    }

    /**
     * A relay for the caller's session: 404 (thrown) for a missing or foreign one, before the client
     * sends anything. The session's template, rendered now, is the conversation's system instruction.
     */
    public VoiceRelay open(String sessionId, String owner, ClientSocket socket) {
        if (drain.draining()) {
            throw Drain.refusal();
        }
        Session session = store.use(sessionId, owner);
        String instruction = templates.sessionInstruction(session.templateId(), session.variables());
        return track(new VoiceRelay(this, sessionId, owner, instruction, socket));
    }

    /** The relay is one of this node's: shutdown reaches it. */
    VoiceRelay track(VoiceRelay relay) {
        open.add(relay);
        return relay;
    }

    /**
     * Every client hears the {@code error} first (each relay's queue is given up to {@value #DRAIN_MS} ms in
     * all to send it), then its socket is closed 1001 and its upstream closed.
     */
    @PreDestroy
    void shutdown() {
        endAll();
        pacer.shutdownNow();
        storeThreads.shutdown();
        try {
            storeThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every conversation of this node: at the drain deadline, and again (for any left) when the application stops. */
    void endAll() {
        List<VoiceRelay> relays = List.copyOf(open);
        relays.forEach(VoiceRelay::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
        try {
            for (VoiceRelay relay : relays) {
                while (!relay.drained() && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (VoiceRelay relay : relays) {
            relay.close();
            relay.closeClient(1001, "server shutting down");
        }
    }

    int openCount() {
        return open.size();
    }

    void closed(VoiceRelay relay) {
        open.remove(relay);
    }

    /** Redis work of a relay (a turn, a handle), never on an audio thread; a failure is logged, the audio goes on. */
    void storeWork(Runnable work) {
        try {
            storeThreads.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, "Live voice could not write to the session store: {0}", failed.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            LOG.log(Level.FINE, "Live voice store work refused at shutdown");
        }
    }

    LiveSettings settings() {
        return settings;
    }

    LiveMetrics metrics() {
        return metrics;
    }

    LiveDialer dialer() {
        return dialer;
    }

    SessionStore store() {
        return store;
    }

    ResumptionHandles handles() {
        return handles;
    }

    ScheduledExecutorService pacer() {
        return pacer;
    }
}
