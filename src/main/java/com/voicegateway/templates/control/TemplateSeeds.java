package com.voicegateway.templates.control;

import com.voicegateway.redis.entity.RedisUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Seeds templates that are absent from Redis at start-up: first the ones shipped in the WAR
 * ({@code templates/} on the class path), then the operator's ({@code ${server.config.dir}/templates},
 * {@code *.json} with {@code text}/{@code description} or plain {@code *.mustache}), which win
 * over shipped ones of the same id. A template already in Redis is never overwritten, so edits
 * made through the API survive restarts. Seeds Redis cannot take yet are retried until it can.
 */
@ApplicationScoped
public class TemplateSeeds {

    private static final Logger LOG = Logger.getLogger(TemplateSeeds.class.getName());

    /** The WAR cannot list a class-path folder portably, so the shipped seeds are named here. */
    static final List<String> SHIPPED = List.of("assistant", "translator", "summarizer");

    private static final long FIRST_RETRY_DELAY_MS = 500;
    private static final long MAX_RETRY_DELAY_MS = 30_000;

    @Inject
    TemplateStore store;

    @Inject
    TemplateRenderer renderer;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Map<String, Seed> seeds = new LinkedHashMap<>();
        for (String id : SHIPPED) {
            try (InputStream in = TemplateSeeds.class.getResourceAsStream("/templates/" + id + ".json")) {
                if (in != null) {
                    seeds.put(id, fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException | RuntimeException unreadable) {
                LOG.log(Level.WARNING, "Shipped template seed {0} is unreadable: {1}", new Object[] {id, unreadable.getMessage()});
            }
        }
        seeds.putAll(operatorSeeds());
        seed(seeds, 1);
    }

    /**
     * Seeds what it can. Seeds that Redis could not take (it is not up yet, or down) are tried
     * again later, 0.5 s doubling to 30 s, until they are in: the gateway may start before its
     * Redis. A broken seed is logged and dropped.
     */
    void seed(Map<String, Seed> seeds, int attempt) {
        Map<String, Seed> later = new LinkedHashMap<>();
        int created = 0;
        for (Map.Entry<String, Seed> seed : seeds.entrySet()) {
            try {
                renderer.compile(seed.getKey(), seed.getValue().text(), "text");
                if (store.seed(seed.getKey(), seed.getValue().text(), seed.getValue().description())) {
                    created++;
                }
            } catch (RedisUnavailableException redisDown) {
                later.put(seed.getKey(), seed.getValue());
            } catch (RuntimeException broken) {
                LOG.log(Level.WARNING, "Template {0} was not seeded: {1}", new Object[] {seed.getKey(), broken.getMessage()});
            }
        }
        LOG.log(Level.INFO, "Templates: {0} seeded of {1} known seeds", new Object[] {created, seeds.size()});
        if (later.isEmpty()) {
            return;
        }
        long delayMs = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS << Math.min(attempt - 1, 10));
        LOG.log(Level.WARNING, "Redis is unreachable: {0} template seeds will be tried again in {1} ms",
                new Object[] {later.size(), delayMs});
        try {
            scheduler.schedule(() -> seed(later, attempt + 1), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.log(Level.INFO, "Template seeding stopped with the application");
        }
    }

    private static Map<String, Seed> operatorSeeds() {
        Map<String, Seed> seeds = new LinkedHashMap<>();
        String configDir = System.getProperty("server.config.dir");
        if (configDir == null) {
            return seeds;
        }
        Path folder = Path.of(configDir, "templates");
        if (!Files.isDirectory(folder)) {
            return seeds;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                try {
                    if (name.endsWith(".json")) {
                        seeds.put(name.substring(0, name.length() - 5), fromJson(Files.readString(file)));
                    } else if (name.endsWith(".mustache")) {
                        seeds.put(name.substring(0, name.length() - 9), new Seed(Files.readString(file), ""));
                    }
                } catch (IOException | RuntimeException unreadable) {
                    LOG.log(Level.WARNING, "Template seed {0} is unreadable: {1}", new Object[] {file, unreadable.getMessage()});
                }
            }
        } catch (IOException unlisted) {
            LOG.log(Level.WARNING, "Template seed folder {0} is unreadable: {1}", new Object[] {folder, unlisted.getMessage()});
        }
        return seeds;
    }

    static Seed fromJson(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject seed = reader.readObject();
            return new Seed(seed.getString("text"), seed.getString("description", ""));
        }
    }

    record Seed(String text, String description) {
    }
}
