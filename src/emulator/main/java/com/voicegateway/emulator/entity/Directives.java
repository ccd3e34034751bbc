package com.voicegateway.emulator.entity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-request behaviour asked for in the last user text, e.g.
 * {@code [[emulator ttftMs=400 tokens=120 tokensPerSecond=80]]} or {@code [[emulator fail=429 retryAfter=2 times=2]]}.
 * Only the last block of the text counts: a conversation's earlier turns, joined into the same
 * text, must not leak their directives into a new request. Unknown keys are ignored so that load
 * plans written for newer emulators still run.
 */
public record Directives(Map<String, String> values) {

    private static final Pattern BLOCK = Pattern.compile("\\[\\[emulator([^\\]]*)]]");
    private static final Pattern PAIR = Pattern.compile("([A-Za-z]+)(?:=([^\\s\\]]+))?");

    public static final Directives NONE = new Directives(Map.of());

    public Directives {
        values = Map.copyOf(values);
    }

    public static Directives parse(String text) {
        if (text == null || !text.contains("[[emulator")) {
            return NONE;
        }
        Matcher block = BLOCK.matcher(text);
        String last = null;
        while (block.find()) {
            last = block.group(1);
        }
        if (last == null) {
            return NONE;
        }
        Map<String, String> found = new HashMap<>();
        Matcher pair = PAIR.matcher(last);
        while (pair.find()) {
            found.put(pair.group(1).toLowerCase(Locale.ROOT), pair.group(2) == null ? "true" : pair.group(2));
        }
        return new Directives(found);
    }

    /** These directives with {@code later}'s values where both name a key: a turn's over its connection's. */
    public Directives overriddenBy(Directives later) {
        if (later.values.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(later.values);
        return new Directives(merged);
    }

    /** True for a key given without a value or with any value but {@code false}. */
    public boolean flag(String key) {
        String value = values.get(key.toLowerCase(Locale.ROOT));
        return value != null && !"false".equalsIgnoreCase(value);
    }

    public boolean has(String key) {
        return values.containsKey(key.toLowerCase(Locale.ROOT));
    }

    public long number(String key, long fallback) {
        String value = values.get(key.toLowerCase(Locale.ROOT));
        if (value == null) {
            return fallback;
        }
        try {
            return Math.round(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public double decimal(String key, double fallback) {
        String value = values.get(key.toLowerCase(Locale.ROOT));
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
