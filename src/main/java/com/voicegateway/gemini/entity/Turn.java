package com.voicegateway.gemini.entity;

/** One message of a conversation as the upstream sees it. */
public record Turn(Speaker speaker, String text) {

    public enum Speaker { USER, MODEL }

    public Turn {
        if (speaker == null || text == null) {
            throw new IllegalArgumentException("a turn has a speaker and a text");
        }
    }

    public static Turn user(String text) {
        return new Turn(Speaker.USER, text);
    }
}
