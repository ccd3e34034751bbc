package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md and the code name the same gateway metrics: every {@code withName("gateway....")}
 * in src/main has a catalogue row, and every catalogue row is a metric the code registers (its
 * Prometheus name is the MP name with {@code _} for {@code .} and {@code -}, plus the unit and
 * {@code _total} suffixes Micrometer adds). {@code MetricsIT} checks the served families.
 */
class MetricsCatalogueTest {

    private static final Path CATALOGUE = Path.of("../docs/metrics.md");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(gateway_[a-z0-9_]+)` \\|");
    private static final Pattern REGISTERED = Pattern.compile("withName\\(\"(gateway\\.[a-z0-9.-]+)\"\\)");
    private static final List<String> SUFFIXES = List.of("", "_seconds", "_total", "_bytes", "_bytes_total");

    static Set<String> catalogued() throws IOException {
        Set<String> families = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(CATALOGUE));
        while (row.find()) {
            families.add(row.group(1));
        }
        return families;
    }

    private static Set<String> registered() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("main/java"))) {
            sources.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                try {
                    Matcher name = REGISTERED.matcher(Files.readString(file));
                    while (name.find()) {
                        names.add(name.group(1).replace('.', '_').replace('-', '_'));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return names;
    }

    @Test
    void everyRegisteredMetricIsCatalogued() throws IOException {
        Set<String> catalogued = catalogued();
        Set<String> missing = new TreeSet<>();
        for (String name : registered()) {
            if (SUFFIXES.stream().noneMatch(suffix -> catalogued.contains(name + suffix))) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "registered in src/main but not in docs/metrics.md");
    }

    @Test
    void everyCataloguedFamilyIsRegistered() throws IOException {
        Set<String> registered = registered();
        Set<String> unknown = new TreeSet<>();
        for (String family : catalogued()) {
            if (SUFFIXES.stream().noneMatch(suffix -> family.endsWith(suffix) && registered.contains(family.substring(0, family.length() - suffix.length())))) {
                unknown.add(family);
            }
        }
        assertEquals(Set.of(), unknown, "in docs/metrics.md but registered nowhere in src/main");
        assertTrue(registered.size() > 30, "the scan found the metrics: " + registered);
    }
}
