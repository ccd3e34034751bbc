package com.voicegateway.perf.jmeter;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the JMeter dashboard's statistics.json: what a sampler label did over the whole run.
 * The dashboard names its percentiles after the {@code aggregate_rpt_pct1..3} properties; the
 * plans set pct2 = 95 and pct3 = 99 (perf-plans/pom.xml), and the median is its own field.
 *
 * @param label       the sampler label, or {@code Total} for all of them together
 * @param count       samples
 * @param errors      failed samples
 * @param p50         median response time, ms
 * @param p95         95th percentile, ms
 * @param p99         99th percentile, ms
 * @param throughput  samples per second over the run
 */
public record SamplerStatistics(String label, long count, long errors, double p50, double p95, double p99,
                                double throughput) {

    public static final String TOTAL = "Total";

    public SamplerStatistics {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a statistics line needs a label");
        }
        if (count < 0 || errors < 0 || errors > count) {
            throw new IllegalArgumentException(label + ": count " + count + " and errors " + errors + " do not fit");
        }
    }

    public double errorPercent() {
        return count == 0 ? 0 : 100.0 * errors / count;
    }

    /** Every line of a statistics.json file, in the file's order (JMeter puts Total first). */
    public static Map<String, SamplerStatistics> read(Path statisticsJson) throws IOException {
        try (Reader reader = Files.newBufferedReader(statisticsJson, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    static Map<String, SamplerStatistics> parse(String json) {
        return parse(new StringReader(json));
    }

    private static Map<String, SamplerStatistics> parse(Reader json) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(json)) {
            root = reader.readObject();
        }
        Map<String, SamplerStatistics> lines = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : root.entrySet()) {
            if (entry.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("statistics.json: '" + entry.getKey() + "' is not an object");
            }
            JsonObject line = entry.getValue().asJsonObject();
            String label = line.getString("transaction", entry.getKey());
            lines.put(label, new SamplerStatistics(label,
                    number(line, "sampleCount").longValue(),
                    number(line, "errorCount").longValue(),
                    number(line, "medianResTime").doubleValue(),
                    number(line, "pct2ResTime").doubleValue(),
                    number(line, "pct3ResTime").doubleValue(),
                    number(line, "throughput").doubleValue()));
        }
        return lines;
    }

    private static JsonNumber number(JsonObject line, String field) {
        JsonValue value = line.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new IllegalArgumentException("statistics.json: '" + line.getString("transaction", "?")
                    + "' has no number '" + field + "'");
        }
        return (JsonNumber) value;
    }
}
