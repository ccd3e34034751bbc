package com.voicegateway.templates.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * A stored prompt template; {@code text} is Mustache. The version grows by one on every write.
 * Serializable because the template cache (Hazelcast) holds it.
 */
public record Template(String id, long version, String description, String text, Instant updatedAt) implements Serializable {

    public Template {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a template has an id");
        }
        if (text == null) {
            throw new IllegalArgumentException("a template has a text");
        }
        if (version < 1) {
            throw new IllegalArgumentException("a template version starts at 1");
        }
        description = description == null ? "" : description;
    }

    /** A strong validator: id and version identify the content. */
    public String etag() {
        return "\"" + id + "-" + version + "\"";
    }
}
