package com.voicegateway.upstream.entity;

/**
 * One message of a conversation as the upstream sees it: a text, and for a spoken user turn its
 * audio ({@code null} otherwise). A turn with audio may have an empty text.
 */
public record Turn(Speaker speaker, String text, InlineAudio audio) {

    public enum Speaker { USER, MODEL }

    public Turn {
        if (speaker == null || text == null) {
            throw new IllegalArgumentException("a turn has a speaker and a text");
        }
    }

    public Turn(Speaker speaker, String text) {
        this(speaker, text, null);
    }

    public static Turn user(String text) {
        return new Turn(Speaker.USER, text);
    }

    /** A spoken user turn: the audio, with {@code text} (may be empty) sent beside it. */
    public static Turn spoken(InlineAudio audio, String text) {
        if (audio == null) {
            throw new IllegalArgumentException("a spoken turn has audio");
        }
        return new Turn(Speaker.USER, text == null ? "" : text, audio);
    }
}
