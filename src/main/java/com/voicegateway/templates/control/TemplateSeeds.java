package com.voicegateway.templates.control;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Seeds templates that are absent from Redis at start-up: first the ones shipped in the WAR
 * ({@code templates/} on the class path), then the operator's ({@code ${server.config.dir}/templates},
 * {@code *.json} with {@code text}/{@code description} or plain {@code *.mustache}), which win
 * over shipped ones of the same id. A template already in Redis is never overwritten, so edits
 * made through the API survive restarts.
 */
@ApplicationScoped
public class TemplateSeeds {

    private static final Logger LOG = Logger.getLogger(TemplateSeeds.class.getName());

    /** The WAR cannot list a class-path folder portably, so the shipped seeds are named here. */
    static final List<String> SHIPPED = List.of("assistant", "translator", "summarizer");

    @Inject
    TemplateStore store;

    @Inject
    TemplateRenderer renderer;

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
        int created = 0;
        for (Map.Entry<String, Seed> seed : seeds.entrySet()) {
            try {
                renderer.compile(seed.getKey(), seed.getValue().text(), "text");
                if (store.seed(seed.getKey(), seed.getValue().text(), seed.getValue().description())) {
                    created++;
                }
            } catch (RuntimeException notSeeded) {
                // Redis down or a broken seed: the gateway still starts, the template is just absent
                LOG.log(Level.WARNING, "Template {0} was not seeded: {1}", new Object[] {seed.getKey(), notSeeded.getMessage()});
            }
        }
        LOG.log(Level.INFO, "Templates: {0} seeded of {1} known seeds", new Object[] {created, seeds.size()});
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
