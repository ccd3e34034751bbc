package com.voicegateway.monitoring.control;

import com.voicegateway.monitoring.entity.AccessLogSettings;
import com.voicegateway.settings.control.SettingsReader;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The JSON access log: one line per finished request, {@code {"time", "requestId", "method",
 * "path", "status", "durationMs", "principal"}}, appended to {@code gateway.access-log.file}
 * (default {@code <server output dir>/logs/access.jsonl}) by one background thread, so a request
 * never waits on the disk. {@code path} is the route's template ({@code /api/v1/sessions/{id}})
 * where JAX-RS matched one, else the path as asked (capped at 256 characters). When the queue is
 * full a line is dropped and counted ({@code gateway_access_log_dropped_total}), never blocking.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());
    /** One factory: Json.createObjectBuilder() looks the provider up on every call, and this runs per request. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(java.util.Map.of());

    @Inject
    AccessLogSettings settings;

    @Inject
    MetricRegistry registry;

    private BlockingQueue<String> lines;
    private Thread writer;
    private Path file;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;

    @Produces
    static AccessLogSettings accessLogSettings(Config config) {
        return SettingsReader.read(AccessLogSettings.class, config);
    }

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            LOG.info("Access log off (gateway.access-log.enabled=false)");
            return;
        }
        file = settings.file().map(String::trim).filter(name -> !name.isEmpty()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("server.output.dir", "."), "logs", "access.jsonl"));
        lines = new ArrayBlockingQueue<>(settings.queue());
        registry.gauge(org.eclipse.microprofile.metrics.Metadata.builder().withName("gateway.access-log.dropped")
                .withDescription("Access log lines dropped because the writer fell behind (the queue was full)").build(),
                dropped, AtomicLong::get);
        running = true;
        writer = new Thread(this::write, "access-log");
        writer.setDaemon(true);
        writer.start();
        LOG.log(Level.INFO, "Access log: {0}", file.toAbsolutePath());
    }

    @PreDestroy
    void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues one request's line; never blocks. */
    public void record(String requestId, String method, String path, int status, long durationNanos, String principal) {
        if (lines == null) {
            return;
        }
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", Instant.now().toString())
                .add("requestId", requestId)
                .add("method", method)
                .add("path", path.length() > 256 ? path.substring(0, 256) + "..." : path)
                .add("status", status)
                .add("durationMs", Math.round(durationNanos / 10_000.0) / 100.0);
        if (principal != null) {
            line.add("principal", principal);
        }
        if (!lines.offer(line.build().toString())) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        List<String> batch = new ArrayList<>();
        while (running || !lines.isEmpty()) {
            try {
                String first = lines.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                lines.drainTo(batch, 999);
            } catch (InterruptedException stopping) {
                lines.drainTo(batch);
                running = false;
            }
            if (!batch.isEmpty()) {
                append(batch);
                batch.clear();
            }
        }
    }

    private void append(List<String> batch) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (String line : batch) {
                    out.write(line);
                    out.newLine();
                }
            }
        } catch (IOException failed) {
            dropped.addAndGet(batch.size());
            LOG.log(Level.WARNING, "Access log lines could not be written to {0}: {1}", new Object[] {file, failed.getMessage()});
        }
    }
}
