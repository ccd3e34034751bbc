package com.voicegateway.upstream.entity;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over an unambiguous encoding of a value made of records, lists, strings, byte arrays,
 * numbers, enums and nulls: every component by name, every string length-prefixed, so that no two different
 * values encode alike ("a", "bc" and "ab", "c" differ; null differs from ""). Walking the record
 * components, rather than listing them, keeps a component added later inside the identity.
 */
final class Fingerprint {

    private final MessageDigest digest;

    private Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String of(Object value) {
        Fingerprint fingerprint = new Fingerprint();
        fingerprint.write(value);
        return HexFormat.of().formatHex(fingerprint.digest.digest());
    }

    private void write(Object value) {
        if (value == null) {
            digest.update((byte) 'n');
        } else if (value instanceof Record record) {
            digest.update((byte) 'r');
            text(record.getClass().getSimpleName());
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                text(component.getName());
                write(read(component, record));
            }
            digest.update((byte) ')');
        } else if (value instanceof List<?> list) {
            digest.update((byte) 'l');
            length(list.size());
            list.forEach(this::write);
        } else if (value instanceof byte[] bytes) {
            digest.update((byte) 'b');
            length(bytes.length);
            digest.update(bytes);
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            digest.update((byte) value.getClass().getSimpleName().charAt(0));
            text(value.toString());
        } else {
            throw new IllegalArgumentException("no canonical form for " + value.getClass().getName());
        }
    }

    private void text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        length(bytes.length);
        digest.update(bytes);
    }

    private void length(int length) {
        digest.update(ByteBuffer.allocate(4).putInt(length).array());
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("record component " + component.getName() + " unreadable", e);
        }
    }
}
