package com.voicegateway.lifecycle.control;

import com.voicegateway.lifecycle.entity.DrainSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Graceful drain on SIGTERM. The JVM's shutdown hooks run together, Liberty's (which quiesces for
 * up to 30 s, then stops the applications) and this one, which at once turns readiness DOWN and
 * refuses new requests with 503 and Retry-After, lets the replies in flight go on for
 * {@code gateway.shutdown.drain-ms}, and then ends each one that is left cleanly: a streamed reply
 * gets its terminal {@code error} event (shutting-down), a live or chat socket its {@code error} and
 * a close 1001, before Liberty would cut them. Work in flight registers here ({@link #track}) and
 * says what to do at the deadline.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());
    /** How long the ended replies' last chunks get to leave after their writers returned. */
    private static final long FLUSH_SETTLE_MS = 300;

    @Inject
    DrainSettings settings;

    private final Set<Runnable> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Runnable> atDeadline = new CopyOnWriteArrayList<>();
    private volatile boolean draining;
    private volatile boolean expired;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private Thread hook;

    @Produces
    static DrainSettings drainSettings(Config config) {
        return SettingsReader.read(DrainSettings.class, config);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        hook = new Thread(this::drain, "gateway-drain");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @PreDestroy
    void stop() {
        if (hook != null && !draining) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // undeployed, not shut down: no hook left behind
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already running its hooks
            }
        }
    }

    /** True from the moment the server is told to stop. */
    public boolean draining() {
        return draining;
    }

    /** What new work hears while this node drains: 503 shutting-down, with Retry-After. */
    public static com.voicegateway.problems.entity.GatewayException refusal() {
        return new com.voicegateway.problems.entity.GatewayException(com.voicegateway.problems.entity.ProblemType.SHUTTING_DOWN,
                "This gateway node is shutting down; send the request again (to another node).", java.time.Duration.ofSeconds(2), null);
    }

    /** True once the drain deadline has passed: work still running must end now, cleanly. */
    public boolean expired() {
        return expired;
    }

    /**
     * Work in flight: {@code endNow} is run at the deadline if the work has not ended by then. The
     * returned handle is closed when it ends.
     */
    public AutoCloseable track(Runnable endNow) {
        if (expired) {
            endNow.run();
        }
        inFlight.add(endNow);
        return () -> inFlight.remove(endNow);
    }

    /** Run at the deadline whatever is in flight (the live and chat sockets end their own way). */
    public void atDeadline(Runnable action) {
        atDeadline.add(action);
    }

    /**
     * Holds the application's stop until the drain has ended (at most {@code gateway.shutdown.drain-ms}
     * and a little): Liberty's quiesce does not wait for suspended (streamed) requests, and it stops the
     * application about a second after SIGTERM, which would cut every stream still in flight. Returns at
     * once when the server is not draining (an undeploy).
     */
    public void awaitDrained() {
        if (!draining) {
            return;
        }
        try {
            done.await(settings.drainMs() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shutdown hook's work; public for the drain's own tests. */
    public void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            drainInFlight();
        } finally {
            done.countDown();
        }
    }

    private void drainInFlight() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.drainMs());
        LOG.log(Level.INFO, "Shutting down: readiness DOWN, new requests refused with 503; {0} replies in flight get up to {1} ms",
                new Object[] {inFlight.size(), settings.drainMs()});
        try {
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        expired = true;
        int left = inFlight.size();
        if (left > 0) {
            LOG.log(Level.INFO, "Drain deadline: ending {0} replies still in flight with a shutting-down error", left);
        }
        for (Runnable endNow : List.copyOf(inFlight)) {
            run(endNow);
        }
        for (Runnable action : atDeadline) {
            run(action);
        }
        // give the ended replies a moment to write their last event before Liberty stops the application
        long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            while (!inFlight.isEmpty() && System.nanoTime() < grace) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            if (left > 0) {
                // a reply leaves inFlight when its writer returns; the container writes the response's last
                // chunk after that, on its own thread. Without this pause the server's stop could close the
                // connection before that chunk (seen once in DrainIT: the error event arrived, the end did not)
                TimeUnit.MILLISECONDS.sleep(FLUSH_SETTLE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Ending work at the drain deadline failed", failed);
        }
    }
}
