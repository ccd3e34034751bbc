package com.voicegateway.perf.jmeter;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The budgets of one plan, read from a properties file with one {@code <label>.<metric>=<limit>} per
 * line (the label may itself contain dots: the metric is what follows the last one). {@code *} gives
 * every sampler a limit it has none of its own for; the {@code Total} line only gets the limits
 * written for it, since a percentile over all samplers together means little.
 */
public final class Budgets {

    private final Map<String, Map<Budget.Metric, Budget>> byLabel;

    private Budgets(Map<String, Map<Budget.Metric, Budget>> byLabel) {
        this.byLabel = byLabel;
    }

    public static Budgets read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    static Budgets parse(String text) {
        try {
            return parse(new StringReader(text), "budgets");
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Budgets parse(Reader reader, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, Map<Budget.Metric, Budget>> byLabel = new LinkedHashMap<>();
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException(source + ": '" + key + "' is not <sampler label>.<metric>");
            }
            String value = properties.getProperty(key).trim();
            double limit;
            try {
                limit = Double.parseDouble(value);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(source + ": " + key + "=" + value + " is not a number");
            }
            Budget budget = new Budget(key.substring(0, dot), Budget.Metric.parse(key.substring(dot + 1)), limit);
            byLabel.computeIfAbsent(budget.label(), l -> new EnumMap<>(Budget.Metric.class)).put(budget.metric(), budget);
        }
        if (byLabel.isEmpty()) {
            throw new IllegalArgumentException(source + ": no budgets");
        }
        return new Budgets(byLabel);
    }

    /** The limits that apply to a sampler: its own, then {@code *} for the metrics it has none for. */
    public List<Budget> forLabel(String label) {
        Map<Budget.Metric, Budget> applying = new EnumMap<>(Budget.Metric.class);
        if (!SamplerStatistics.TOTAL.equals(label)) {
            applying.putAll(byLabel.getOrDefault(Budget.EVERY_SAMPLER, Map.of()));
        }
        applying.putAll(byLabel.getOrDefault(label, Map.of()));
        return new ArrayList<>(applying.values());
    }

    /** Labels that have limits of their own: each must appear in the results, or the check fails. */
    public Set<String> namedLabels() {
        Set<String> labels = new LinkedHashSet<>(byLabel.keySet());
        labels.remove(Budget.EVERY_SAMPLER);
        return labels;
    }
}
