package com.voicegateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout as rules a build can break: features ({@code com.voicegateway.<feature>})
 * form no import cycle, and inside a feature nothing imports upward (entity never imports control
 * or boundary, control never imports boundary). Read from the sources, so a wildcard or a fully
 * qualified name in code counts as well as an import. The Gemini emulator and the development
 * Redis are modules of their own (src/emulator, src/dev-redis) that the WAR does not depend on, so
 * the compiler already keeps the gateway's code from using them; ear/src/test checks the EAR.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("main/java/com/voicegateway");
    private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.voicegateway\\.(\\w+)\\.(boundary|control|entity)\\b");
    private static final Map<String, Integer> LAYER = Map.of("entity", 0, "control", 1, "boundary", 2);

    /** One source file's feature, layer and the (feature, layer) pairs it references. */
    private record Source(Path path, String feature, String layer, Set<String> references) {
    }

    private static List<Source> sources;

    @BeforeAll
    static void read() throws IOException {
        sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                Path relative = MAIN.relativize(p);
                if (relative.getNameCount() < 3) {
                    return;
                }
                Set<String> references = new TreeSet<>();
                Matcher m = REFERENCE.matcher(text(p));
                while (m.find()) {
                    references.add(m.group(1) + "." + m.group(2));
                }
                sources.add(new Source(relative, relative.getName(0).toString(), relative.getName(1).toString(), references));
            });
        }
        assertTrue(sources.size() > 100, "expected the gateway's sources under " + MAIN.toAbsolutePath() + ", found " + sources.size());
    }

    @Test
    void everySourceSitsInAFeaturesBoundaryControlOrEntity() {
        List<Path> misplaced = sources.stream().filter(s -> !LAYER.containsKey(s.layer())).map(Source::path).toList();
        assertEquals(List.of(), misplaced);
    }

    @Test
    void nothingImportsUpwardWithinAFeature() {
        List<String> upward = new ArrayList<>();
        for (Source s : sources) {
            for (String reference : s.references()) {
                String[] target = reference.split("\\.");
                if (target[0].equals(s.feature()) && LAYER.get(target[1]) > LAYER.getOrDefault(s.layer(), 2)) {
                    upward.add(s.path() + " -> " + reference);
                }
            }
        }
        assertEquals(List.of(), upward, "entity must not use control or boundary, control must not use boundary");
    }

    @Test
    void noTwoFeaturesDependOnEachOther() {
        Map<String, Set<String>> graph = features();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> cycle = cycleThrough(start, graph);
            if (!cycle.isEmpty()) {
                cycles.add(String.join(" -> ", cycle));
            }
        }
        assertEquals(List.of(), cycles, "feature dependencies must be acyclic; graph: " + graph);
    }

    /** The rule's own check: a planted cycle is found. */
    @Test
    void findsAPlantedCycle() {
        Map<String, Set<String>> planted = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of("a", "b", "c", "a"), cycleThrough("a", planted));
        assertEquals(List.of(), cycleThrough("d", planted));
    }

    private static Map<String, Set<String>> features() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source s : sources) {
            Set<String> targets = graph.computeIfAbsent(s.feature(), f -> new TreeSet<>());
            s.references().stream().map(r -> r.substring(0, r.indexOf('.'))).filter(f -> !f.equals(s.feature())).forEach(targets::add);
        }
        return graph;
    }

    /** A path from {@code start} back to itself, or empty when there is none. */
    private static List<String> cycleThrough(String start, Map<String, Set<String>> graph) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    paths.add(longer);
                }
            }
        }
        return List.of();
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
