package com.voicegateway.monitoring.boundary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: promtool is not
 * part of the build. It reports what promtool's parser and linter and prometheus_client's parser
 * would object to, in the gateway's families and in everyone's: a sample before its family's
 * {@code # TYPE}, a family typed twice or split in two, a histogram with samples other than
 * {@code _bucket{le}}, {@code _sum} and {@code _count} (the old {@code {quantile=...}} defect),
 * buckets that are not ascending, not cumulative or do not end with {@code +Inf} equal to
 * {@code _count}, a family without {@code # HELP}, and a HELP without text (unless
 * {@code emptyHelpAllowed} accepts the family: Liberty's {@code ft_*} families have none).
 */
final class PrometheusExposition {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"\\s*(,)?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line, parsed. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: its HELP, TYPE and samples. */
    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PrometheusExposition() {
    }

    /** Reads {@code text}; {@link #problems()} lists every defect, {@link #families()} what was read. */
    static PrometheusExposition read(String text, Predicate<String> emptyHelpAllowed) {
        PrometheusExposition exposition = new PrometheusExposition();
        exposition.parse(text, emptyHelpAllowed);
        return exposition;
    }

    List<String> problems() {
        return problems;
    }

    Map<String, Family> families() {
        return families;
    }

    /** The value of one series, or null: {@code name} with exactly {@code labels} (plus any {@code mp_scope}). */
    Double value(String name, Map<String, String> labels) {
        for (Family family : families.values()) {
            for (Sample sample : family.samples()) {
                Map<String, String> own = new HashMap<>(sample.labels());
                own.remove("mp_scope");
                if (sample.name().equals(name) && own.equals(labels)) {
                    return sample.value();
                }
            }
        }
        return null;
    }

    private void parse(String text, Predicate<String> emptyHelpAllowed) {
        Map<String, String> help = new HashMap<>();
        Map<String, String> type = new HashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String where = "line " + number + ": ";
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && ("HELP".equals(parts[1]) || "TYPE".equals(parts[1]))) {
                    String name = parts[2];
                    if (!NAME.matcher(name).matches()) {
                        problems.add(where + "bad metric name '" + name + "'");
                        continue;
                    }
                    current = enter(name, current, closed, where);
                    if ("HELP".equals(parts[1])) {
                        if (help.put(name, parts.length == 4 ? parts[3] : "") != null) {
                            problems.add(where + "second HELP for " + name);
                        }
                    } else {
                        String kind = parts.length == 4 ? parts[3].trim() : "";
                        if (!TYPES.contains(kind)) {
                            problems.add(where + "unknown TYPE '" + kind + "' for " + name);
                        }
                        if (type.put(name, kind) != null) {
                            problems.add(where + "second TYPE for " + name);
                        }
                        if (families.containsKey(name) && !families.get(name).samples().isEmpty()) {
                            problems.add(where + "TYPE of " + name + " after its samples");
                        }
                    }
                    families.computeIfAbsent(name, n -> new Family(n, null, null, new ArrayList<>()));
                }
                continue;
            }
            Sample sample = sample(line, where);
            if (sample == null) {
                continue;
            }
            String family = familyOf(sample.name(), type);
            if (family == null) {
                problems.add(where + "sample " + sample.name() + " before any TYPE of its family");
                continue;
            }
            current = enter(family, current, closed, where);
            if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                problems.add(where + "duplicate series " + sample.name() + sample.labels());
            }
            families.get(family).samples().add(sample);
        }
        for (Map.Entry<String, Family> entry : List.copyOf(families.entrySet())) {
            String name = entry.getKey();
            Family family = new Family(name, type.get(name), help.get(name), entry.getValue().samples());
            families.put(name, family);
            check(family, emptyHelpAllowed);
        }
    }

    /** Moving to family {@code name}: a family seen before and left again is split, which the format forbids. */
    private String enter(String name, String current, Set<String> closed, String where) {
        if (name.equals(current)) {
            return current;
        }
        if (closed.contains(name)) {
            problems.add(where + "family " + name + " continues after another family (its lines must be one group)");
        }
        if (current != null) {
            closed.add(current);
        }
        return name;
    }

    /** The family a sample belongs to: itself, or a histogram's or summary's by suffix. */
    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String kind = types.get(base);
                if ("histogram".equals(kind) || ("summary".equals(kind) && !"_bucket".equals(suffix))) {
                    return base;
                }
            }
        }
        return null;
    }

    private Sample sample(String line, String where) {
        Matcher name = NAME.matcher(line);
        if (!name.lookingAt()) {
            problems.add(where + "not a sample: " + line);
            return null;
        }
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            int close = labelSetEnd(line, at + 1);
            if (close < 0) {
                problems.add(where + "unclosed label set: " + line);
                return null;
            }
            String inside = line.substring(at + 1, close);
            Matcher label = LABEL.matcher(inside);
            int position = 0;
            boolean needComma = false;
            while (position < inside.length() && !inside.substring(position).isBlank()) {
                if (needComma || !label.find(position) || label.start() != position) {
                    problems.add(where + "bad label set {" + inside + "}");
                    return null;
                }
                if (labels.put(label.group(1), label.group(2)) != null) {
                    problems.add(where + "label " + label.group(1) + " twice");
                }
                needComma = label.group(3) == null;
                position = label.end();
            }
            at = close + 1;
        }
        String[] rest = line.substring(at).trim().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty() || line.charAt(at) != ' ') {
            problems.add(where + "bad value part: " + line);
            return null;
        }
        double value;
        try {
            value = switch (rest[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(rest[0]);
            };
            if (rest.length == 2) {
                Long.parseLong(rest[1]);
            }
        } catch (NumberFormatException e) {
            problems.add(where + "bad number in: " + line);
            return null;
        }
        return new Sample(line.substring(0, name.end()), labels, value);
    }

    /** The index of the '}' closing a label set that starts at {@code from}, outside quoted values ({@code {id}} in a route); -1 if none. */
    private static int labelSetEnd(String line, int from) {
        boolean quoted = false;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private void check(Family family, Predicate<String> emptyHelpAllowed) {
        String name = family.name();
        if (family.type() == null) {
            problems.add(name + ": no TYPE");
        }
        if (family.help() == null) {
            problems.add(name + ": no HELP");
        } else if (family.help().isBlank() && !emptyHelpAllowed.test(name)) {
            problems.add(name + ": HELP without text");
        }
        String kind = family.type() == null ? "untyped" : family.type();
        switch (kind) {
            case "histogram" -> checkHistogram(family);
            case "summary" -> {
                for (Sample sample : family.samples()) {
                    if (sample.name().equals(name) != sample.labels().containsKey("quantile")) {
                        problems.add(name + ": summary sample " + sample.name() + sample.labels() + " (quantile only on the bare name)");
                    }
                }
            }
            default -> {
                for (Sample sample : family.samples()) {
                    if (sample.labels().containsKey("quantile") || sample.labels().containsKey("le")) {
                        problems.add(name + ": " + kind + " sample with a quantile or le label: " + sample.labels());
                    }
                }
            }
        }
    }

    private void checkHistogram(Family family) {
        String name = family.name();
        Map<Map<String, String>, List<double[]>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new HashMap<>();
        for (Sample sample : family.samples()) {
            Map<String, String> series = new TreeMap<>(sample.labels());
            String le = series.remove("le");
            if (sample.name().equals(name + "_bucket")) {
                if (le == null) {
                    problems.add(name + ": bucket without le " + sample.labels());
                    continue;
                }
                double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(series, s -> new ArrayList<>()).add(new double[] {bound, sample.value()});
            } else if (sample.name().equals(name + "_count") || sample.name().equals(name + "_sum")) {
                if (le != null || series.containsKey("quantile")) {
                    problems.add(name + ": " + sample.name() + " with le or quantile " + sample.labels());
                }
                if (sample.name().endsWith("_count")) {
                    counts.put(series, sample.value());
                }
            } else {
                problems.add(name + ": histogram sample " + sample.name() + sample.labels() + " is not _bucket, _sum or _count");
            }
        }
        for (Map.Entry<Map<String, String>, List<double[]>> entry : buckets.entrySet()) {
            List<double[]> list = entry.getValue();
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i)[0] <= list.get(i - 1)[0]) {
                    problems.add(name + entry.getKey() + ": le not ascending at " + list.get(i)[0]);
                }
                if (list.get(i)[1] < list.get(i - 1)[1]) {
                    problems.add(name + entry.getKey() + ": bucket counts not cumulative at le=" + list.get(i)[0]);
                }
            }
            double[] last = list.get(list.size() - 1);
            if (last[0] != Double.POSITIVE_INFINITY) {
                problems.add(name + entry.getKey() + ": buckets do not end with le=\"+Inf\"");
            } else if (!Double.valueOf(last[1]).equals(counts.get(entry.getKey()))) {
                problems.add(name + entry.getKey() + ": +Inf bucket " + last[1] + " differs from _count " + counts.get(entry.getKey()));
            }
        }
        for (Map<String, String> series : counts.keySet()) {
            if (!buckets.containsKey(series)) {
                problems.add(name + series + ": _count without buckets");
            }
        }
    }
}
