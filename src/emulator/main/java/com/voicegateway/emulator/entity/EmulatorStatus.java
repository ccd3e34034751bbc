package com.voicegateway.emulator.entity;

import java.util.Locale;

/** Google's canonical status names, as they appear in the {@code error.status} field. */
public enum EmulatorStatus {
    INVALID_ARGUMENT(400), UNAUTHENTICATED(401), PERMISSION_DENIED(403), NOT_FOUND(404),
    RESOURCE_EXHAUSTED(429), INTERNAL(500), UNAVAILABLE(503), DEADLINE_EXCEEDED(504);

    private final int code;

    EmulatorStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static String nameFor(int code) {
        for (EmulatorStatus status : values()) {
            if (status.code == code) {
                return status.name();
            }
        }
        return code >= 500 ? INTERNAL.name() : INVALID_ARGUMENT.name().toUpperCase(Locale.ROOT);
    }
}
