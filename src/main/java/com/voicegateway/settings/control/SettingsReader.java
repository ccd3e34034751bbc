package com.voicegateway.settings.control;

import com.voicegateway.settings.entity.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Builds a settings record from its {@link Setting} components: from MicroProfile Config in the
 * server, or from a map plus the defaults outside it (tests and benchmarks), so both see the
 * same defaults. Values are converted as MicroProfile Config's built-in converters do (numbers
 * trimmed; a boolean is true for {@code true}, {@code 1}, {@code yes}, {@code y}, {@code on}, in
 * any case); an empty value counts as unset, as it does in MicroProfile Config.
 */
public final class SettingsReader {

    /** The application's own config source inside the WAR; some defaults are written there. */
    public static final String DEFAULTS_FILE = "META-INF/microprofile-config.properties";

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "on");

    /** One setting a settings record reads, with its default (empty: unset) and where that default is written. */
    public record Declared(String name, Optional<String> defaultValue, boolean inDefaultsFile, Class<?> type) {
    }

    private SettingsReader() {
    }

    /** The settings as the server's MicroProfile Config has them (the defaults file is one of its sources). */
    public static <R extends Record> R read(Class<R> type, Config config) {
        return read(type, name -> config.getOptionalValue(name, String.class));
    }

    /** The settings with every default, as a server with nothing configured would have them. */
    public static <R extends Record> R defaults(Class<R> type) {
        return of(type, Map.of());
    }

    /** The settings with {@code values} (property name to value) over the defaults. */
    public static <R extends Record> R of(Class<R> type, Map<String, String> values) {
        Map<String, String> file = defaultsFile();
        return read(type, name -> Optional.ofNullable(values.containsKey(name) ? values.get(name) : file.get(name)));
    }

    /** Every setting {@code type} reads, in component order, with its default. */
    public static List<Declared> declared(Class<? extends Record> type) {
        Map<String, String> file = defaultsFile();
        List<Declared> declared = new ArrayList<>();
        for (RecordComponent component : components(type)) {
            Setting setting = component.getAnnotation(Setting.class);
            boolean here = !Setting.NONE.equals(setting.defaultValue());
            Optional<String> value = here ? Optional.of(setting.defaultValue()) : Optional.ofNullable(file.get(setting.name()));
            declared.add(new Declared(setting.name(), value, !here && value.isPresent(), component.getType()));
        }
        return declared;
    }

    /** The entries of {@link #DEFAULTS_FILE}, in file order. */
    public static Map<String, String> defaultsFile() {
        Properties properties = new Properties();
        try (InputStream in = SettingsReader.class.getClassLoader().getResourceAsStream(DEFAULTS_FILE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_FILE + " is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> entries.put(name, properties.getProperty(name)));
        return entries;
    }

    private static <R extends Record> R read(Class<R> type, Function<String, Optional<String>> lookup) {
        RecordComponent[] components = components(type);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Setting setting = components[i].getAnnotation(Setting.class);
            Optional<String> value = lookup.apply(setting.name()).filter(v -> !v.isEmpty());
            if (value.isEmpty() && !Setting.NONE.equals(setting.defaultValue())) {
                value = Optional.of(setting.defaultValue());
            }
            values[i] = convert(setting.name(), value, components[i]);
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() instanceof RuntimeException invalid ? invalid : e;
            throw new IllegalStateException("Cannot build " + type.getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    private static RecordComponent[] components(Class<? extends Record> type) {
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent component : components) {
            if (component.getAnnotation(Setting.class) == null) {
                throw new IllegalStateException(type.getName() + "." + component.getName() + " has no @Setting");
            }
        }
        return components;
    }

    private static Object convert(String name, Optional<String> value, RecordComponent component) {
        Class<?> type = component.getType();
        if (type == Optional.class) {
            if (!(component.getGenericType() instanceof ParameterizedType optional)
                    || optional.getActualTypeArguments()[0] != String.class) {
                throw new IllegalStateException(name + ": only Optional<String> is supported");
            }
            return value;
        }
        String raw = value.orElseThrow(() -> new IllegalStateException(
                name + " has no value and no default (its default belongs in @Setting or " + DEFAULTS_FILE + ")"));
        try {
            if (type == String.class) {
                return raw;
            }
            if (type == int.class) {
                return Integer.parseInt(raw.trim());
            }
            if (type == long.class) {
                return Long.parseLong(raw.trim());
            }
            if (type == double.class) {
                return Double.parseDouble(raw.trim());
            }
            if (type == boolean.class) {
                return TRUE.contains(raw.trim().toLowerCase(Locale.ROOT));
            }
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + " is '" + raw + "', which is not a " + type.getName(), notANumber);
        }
        throw new IllegalStateException(name + ": settings of type " + type.getName() + " are not supported");
    }
}
