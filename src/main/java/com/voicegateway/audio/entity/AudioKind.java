package com.voicegateway.audio.entity;

/** The two audio containers the gateway accepts, as told by their first bytes (never by a header). */
public enum AudioKind {
    WAV("audio/wav"),
    OGG_OPUS("audio/ogg");

    private final String mediaType;

    AudioKind(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
