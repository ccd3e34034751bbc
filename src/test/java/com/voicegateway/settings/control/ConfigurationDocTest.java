package com.voicegateway.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.settings.entity.Setting;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code: every setting the gateway reads (the {@link Setting}
 * components of its settings records, the settings in microprofile-config.properties) is in the
 * doc's tables with its default and environment variable, and the doc lists nothing the gateway
 * does not read. Rows under "## Development side" belong to other modules and are skipped.
 */
class ConfigurationDocTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final Path DOC = Path.of("../docs/configuration.md");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");

    /** Setting name to default (empty: unset). */
    private static Map<String, Optional<String>> settings;
    private static List<String> collectionProblems;

    @BeforeAll
    static void collect() throws IOException, ClassNotFoundException {
        settings = new TreeMap<>();
        collectionProblems = new ArrayList<>();
        Map<String, String> file = SettingsReader.defaultsFile();
        List<String> remaining = new ArrayList<>();
        int records = 0;
        try (Stream<Path> walk = Files.walk(CLASSES.resolve("com/voicegateway"))) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ConfigurationDocTest.class.getClassLoader());
                if (type.isRecord() && Stream.of(type.getRecordComponents()).anyMatch(c -> c.isAnnotationPresent(Setting.class))) {
                    records++;
                    for (SettingsReader.Declared d : SettingsReader.declared(type.asSubclass(Record.class))) {
                        if (settings.put(d.name(), d.defaultValue()) != null) {
                            collectionProblems.add(d.name() + " is read by two settings types");
                        }
                        if (!d.inDefaultsFile() && file.containsKey(d.name())) {
                            collectionProblems.add(d.name() + " has a default in " + type.getSimpleName() + " and in " + SettingsReader.DEFAULTS_FILE);
                        }
                    }
                }
                remaining.addAll(injected(type));
            }
        }
        assertTrue(records >= 10, "expected the settings records under " + CLASSES.toAbsolutePath() + ", found " + records);
        assertEquals(List.of(), remaining, "settings are read through the settings types, not injected one by one");
        for (Map.Entry<String, String> entry : file.entrySet()) {
            if (entry.getKey().contains("/")) {
                // a fault-tolerance parameter: it names a setting, and the setting has the default
                Matcher ref = REFERENCE.matcher(entry.getValue());
                if (!ref.matches() || ref.group(2) != null || !file.containsKey(ref.group(1))) {
                    collectionProblems.add(entry.getKey() + " should be ${<setting>} naming a setting of this file, without a default of its own");
                }
            } else {
                settings.putIfAbsent(entry.getKey(), Optional.of(entry.getValue()));
            }
        }
    }

    private static List<String> injected(Class<?> type) {
        List<String> found = new ArrayList<>();
        List<AnnotatedElement> points = new ArrayList<>(List.of(type.getDeclaredFields()));
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        executables.addAll(List.of(type.getDeclaredMethods()));
        for (Executable e : executables) {
            for (Parameter parameter : e.getParameters()) {
                points.add(parameter);
            }
        }
        for (AnnotatedElement point : points) {
            ConfigProperty property = point.getAnnotation(ConfigProperty.class);
            if (property != null) {
                found.add(type.getName() + ": " + property.name());
            }
        }
        return found;
    }

    @Test
    void noSettingIsReadTwiceOrDefaultedTwice() {
        assertEquals(List.of(), collectionProblems);
    }

    @Test
    void theDocListsEverySettingWithItsDefaultAndEnvironmentVariable() throws IOException {
        assertEquals(List.of(), problems(settings, Files.readString(DOC)));
    }

    /** The check's own check: a doc with one row removed and one default changed is reported as exactly that. */
    @Test
    void reportsARemovedRowAndAChangedDefault() throws IOException {
        String doc = Files.readString(DOC);
        String removedRow = doc.lines().filter(l -> l.startsWith("| `gateway.sessions.max-messages` |")).findFirst().orElseThrow();
        String changedRow = doc.lines().filter(l -> l.startsWith("| `redis.timeout-ms` | `1000` |")).findFirst().orElseThrow();
        String broken = doc.replace(removedRow + "\n", "").replace(changedRow, changedRow.replace("`1000`", "`999`"));
        assertEquals(List.of(
                "redis.timeout-ms: the doc says default 999, the code 1000",
                "gateway.sessions.max-messages is not in docs/configuration.md"), problems(settings, broken));
        String extra = doc.replace(changedRow, changedRow + "\n| `gateway.nothing` | `1` | `GATEWAY_NOTHING` | nothing |");
        assertEquals(List.of("gateway.nothing is documented but the gateway does not read it"), problems(settings, extra));
        String wrongName = doc.replace(changedRow, changedRow.replace("`REDIS_TIMEOUT_MS`", "`REDIS_TIMEOUT`"));
        assertEquals(List.of("redis.timeout-ms: environment variable REDIS_TIMEOUT, should be REDIS_TIMEOUT_MS"), problems(settings, wrongName));
    }

    /** What is wrong with {@code doc} for {@code expected} (setting to default); empty when nothing. */
    static List<String> problems(Map<String, Optional<String>> expected, String doc) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> seen = new TreeMap<>();
        boolean developmentSide = false;
        boolean inSettingsTable = false;
        for (String line : doc.lines().toList()) {
            if (line.startsWith("## ")) {
                developmentSide = line.toLowerCase(Locale.ROOT).startsWith("## development side");
            }
            if (!line.startsWith("|")) {
                inSettingsTable = false;
                continue;
            }
            List<String> cells = Stream.of(line.substring(1).split("\\|")).map(String::trim).toList();
            if (cells.get(0).equals("setting")) {
                inSettingsTable = true;
                continue;
            }
            if (!inSettingsTable || developmentSide || cells.get(0).startsWith("---")) {
                continue;
            }
            String name = unquote(cells.get(0));
            seen.put(name, true);
            if (!expected.containsKey(name)) {
                problems.add(name + " is documented but the gateway does not read it");
                continue;
            }
            Optional<String> documented = cells.get(1).startsWith("`")
                    ? Optional.of(cells.get(1).substring(1, cells.get(1).indexOf('`', 1))) : Optional.empty();
            Optional<String> actual = expected.get(name);
            if (!documented.equals(actual)) {
                problems.add(name + ": the doc says default " + documented.orElse("unset") + ", the code " + actual.orElse("unset"));
            }
            String variable = name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
            if (!unquote(cells.get(2)).equals(variable)) {
                problems.add(name + ": environment variable " + unquote(cells.get(2)) + ", should be " + variable);
            }
        }
        expected.keySet().stream().filter(name -> !seen.containsKey(name))
                .forEach(name -> problems.add(name + " is not in docs/configuration.md"));
        return problems;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
