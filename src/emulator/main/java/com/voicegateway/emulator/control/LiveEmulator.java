package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.LiveSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens {@link LiveConnection}s with the {@code emulator.live.*} settings, the shared resumption
 * handles and two scheduler threads of their own, so paced replies hold no thread while they wait.
 */
@ApplicationScoped
public class LiveEmulator {

    private static final Logger LOG = Logger.getLogger(LiveEmulator.class.getName());

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    SpeechRecording recording;

    @Inject
    RequestLog log;

    @Inject
    @ConfigProperty(name = "emulator.live.speech-threshold", defaultValue = "300")
    int speechThreshold;

    @Inject
    @ConfigProperty(name = "emulator.live.end-of-speech-ms", defaultValue = "500")
    long endOfSpeechMs;

    @Inject
    @ConfigProperty(name = "emulator.live.first-audio-ms", defaultValue = "200")
    long firstAudioMs;

    @Inject
    @ConfigProperty(name = "emulator.live.reply-ms", defaultValue = "2400")
    long replyMs;

    @Inject
    @ConfigProperty(name = "emulator.live.chunk-ms", defaultValue = "240")
    long chunkMs;

    @Inject
    @ConfigProperty(name = "emulator.live.burst-chunks", defaultValue = "4")
    int burstChunks;

    @Inject
    @ConfigProperty(name = "emulator.live.realtime", defaultValue = "2.0")
    double realtime;

    @Inject
    @ConfigProperty(name = "emulator.live.connection-cap-ms", defaultValue = "600000")
    long connectionCapMs;

    @Inject
    @ConfigProperty(name = "emulator.live.go-away-time-left-ms", defaultValue = "2000")
    long goAwayTimeLeftMs;

    @Inject
    @ConfigProperty(name = "emulator.live.handle-ttl-ms", defaultValue = "7200000")
    long handleTtlMs;

    @Inject
    @ConfigProperty(name = "emulator.live.max-handles", defaultValue = "10000")
    int maxHandles;

    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
    private LiveSettings settings;
    private LiveHandles handles;
    private ScheduledThreadPoolExecutor executor;
    private LiveScheduler scheduler;

    @PostConstruct
    void start() {
        settings = new LiveSettings(speechThreshold, endOfSpeechMs, firstAudioMs, replyMs, chunkMs, burstChunks, realtime,
                connectionCapMs, goAwayTimeLeftMs, handleTtlMs, maxHandles);
        handles = new LiveHandles(handleTtlMs, maxHandles, () -> System.nanoTime() / 1_000_000);
        executor = new ScheduledThreadPoolExecutor(2, threadFactory);
        executor.setRemoveOnCancelPolicy(true);
        scheduler = new LiveScheduler() {
            @Override
            public long nowMs() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public Scheduled after(long delayMs, Runnable task) {
                ScheduledFuture<?> future = executor.schedule(() -> guarded(task), Math.max(0, delayMs), TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }
        };
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public LiveConnection open(LiveOutput out) {
        LiveConnection connection = new LiveConnection(settings, scheduler, recording, handles, log, out);
        open.add(connection);
        return connection;
    }

    public void closed(LiveConnection connection) {
        connection.closed();
        open.remove(connection);
    }

    /** Live connections open now. */
    public int openConnections() {
        return open.size();
    }

    /** Live connections open now whose system instruction contains {@code marker}: a test's own, by its marker. */
    public int openConnections(String marker) {
        return (int) open.stream().filter(connection -> connection.systemText().contains(marker)).count();
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Live emulator task failed", e);
        }
    }
}
