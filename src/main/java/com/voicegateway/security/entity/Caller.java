package com.voicegateway.security.entity;

import java.security.Principal;

/** The principal behind an API key. Sessions belong to the caller's {@code name}. */
public record Caller(String name, Role role) implements Principal {

    public Caller {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a caller has a name");
        }
        if (role == null) {
            throw new IllegalArgumentException("a caller has a role");
        }
    }

    @Override
    public String getName() {
        return name;
    }
}
