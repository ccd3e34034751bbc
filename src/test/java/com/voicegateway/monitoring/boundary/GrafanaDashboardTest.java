package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/voice-gateway.json reads only metrics that exist: every series selector in a panel's
 * query is a family catalogued in docs/metrics.md (gateway, fault tolerance or the JVM's base families),
 * quantiles are taken from the {@code _bucket} series of a histogram, every selector honours the node
 * variable, and the dashboard has the sections operators asked for.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("../docs/grafana/voice-gateway.json");
    private static final Path CATALOGUE = Path.of("../docs/metrics.md");
    /** A series selector: a metric name followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\{([^}]*)\\}");
    private static final Pattern ANY_ROW = Pattern.compile("(?m)^\\| `([a-zA-Z_][a-zA-Z0-9_]*)` \\| ([a-z]+)");
    private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum");

    private static JsonObject dashboard() throws IOException {
        return Json.createReader(new StringReader(Files.readString(DASHBOARD))).readObject();
    }

    private static List<String> queries(JsonObject dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonValue panel : dashboard.getJsonArray("panels")) {
            for (JsonValue target : panel.asJsonObject().getJsonArray("targets") == null ? List.<JsonValue>of()
                    : panel.asJsonObject().getJsonArray("targets")) {
                queries.add(target.asJsonObject().getString("expr"));
            }
        }
        return queries;
    }

    /** Family name to its type, from every catalogue table row. */
    private static java.util.Map<String, String> catalogue() throws IOException {
        java.util.Map<String, String> families = new java.util.TreeMap<>();
        Matcher row = ANY_ROW.matcher(Files.readString(CATALOGUE));
        while (row.find()) {
            families.put(row.group(1), row.group(2));
        }
        return families;
    }

    @Test
    void everySelectorIsACataloguedFamilyFilteredByNode() throws IOException {
        java.util.Map<String, String> catalogue = catalogue();
        List<String> queries = queries(dashboard());
        assertTrue(queries.size() > 30, "the dashboard's queries were found: " + queries.size());
        Set<String> unknown = new TreeSet<>();
        Set<String> unfiltered = new TreeSet<>();
        Set<String> notHistograms = new TreeSet<>();
        for (String query : queries) {
            Matcher selector = SELECTOR.matcher(query);
            boolean any = false;
            while (selector.find()) {
                any = true;
                String name = selector.group(1);
                String family = family(name, catalogue);
                if (family == null) {
                    unknown.add(name);
                } else if (name.endsWith("_bucket") && !"histogram".equals(catalogue.get(family))) {
                    notHistograms.add(name);
                }
                if (!selector.group(2).contains("instance=~\"$instance\"")) {
                    unfiltered.add(query);
                }
            }
            assertTrue(any, "a query without a series selector: " + query);
            if (query.contains("histogram_quantile")) {
                assertTrue(query.contains("_bucket{") && query.contains("by (le"), "a quantile from summed buckets: " + query);
            }
        }
        assertEquals(Set.of(), unknown, "read by the dashboard but not in docs/metrics.md");
        assertEquals(Set.of(), notHistograms, "quantiles of a family that is not a histogram");
        assertEquals(Set.of(), unfiltered, "queries that ignore the node variable");
    }

    private static String family(String series, java.util.Map<String, String> catalogue) {
        if (catalogue.containsKey(series)) {
            return series;
        }
        for (String suffix : SERIES_SUFFIXES) {
            if (series.endsWith(suffix) && catalogue.containsKey(series.substring(0, series.length() - suffix.length()))) {
                return series.substring(0, series.length() - suffix.length());
            }
        }
        return null;
    }

    @Test
    void theSectionsOperatorsAskedForAreThere() throws IOException {
        JsonObject dashboard = dashboard();
        Set<String> rows = new TreeSet<>();
        for (JsonValue panel : dashboard.getJsonArray("panels")) {
            if ("row".equals(panel.asJsonObject().getString("type"))) {
                rows.add(panel.asJsonObject().getString("title"));
            }
        }
        assertEquals(Set.of("Requests", "Upstream (Gemini)", "Fault tolerance", "Caches (JCache over Hazelcast)", "Sessions and Redis",
                "Live voice", "Audio codec (Opus)", "JVM and memory"), rows);
        String all = String.join("\n", queries(dashboard));
        for (String family : new String[] {"gateway_ttft_seconds_bucket", "gateway_request_duration_seconds_bucket", "gateway_cache_hits",
                "gateway_sessions_active", "gateway_live_sessions", "gateway_live_reply_latency_seconds_bucket", "gateway_audio_codec_seconds_bucket",
                "ft_circuitbreaker_opened_total", "ft_bulkhead_calls_total", "memory_usedHeap_bytes", "gateway_memory_heap_after_gc_bytes",
                "gateway_memory_heap_after_gc_growth"}) {
            assertTrue(all.contains(family + "{"), "the dashboard reads " + family);
        }
        assertEquals("${DS_PROMETHEUS}", dashboard.getJsonArray("panels").get(1).asJsonObject().getJsonObject("datasource").getString("uid"),
                "panels use the data source chosen at import");
        assertFalse(dashboard.getString("uid").isBlank());
    }
}
