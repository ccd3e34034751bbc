package com.voicegateway.relay.entity;

import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** How a reply travels, chosen by the client's {@code Accept}. */
public enum ReplyFormat {
    SSE(MediaType.SERVER_SENT_EVENTS_TYPE),
    NDJSON(new MediaType("application", "x-ndjson")),
    JSON(MediaType.APPLICATION_JSON_TYPE);

    private final MediaType mediaType;

    ReplyFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /**
     * The first acceptable format in the client's order of preference; a wildcard means one JSON
     * body. Null when none is acceptable.
     */
    public static ReplyFormat negotiate(List<MediaType> acceptable) {
        for (MediaType accepted : acceptable) {
            if (accepted.isWildcardType()) {
                return JSON;
            }
            for (ReplyFormat format : values()) {
                if (accepted.isCompatible(format.mediaType)) {
                    return accepted.isWildcardSubtype() && "application".equals(accepted.getType()) ? JSON : format;
                }
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
