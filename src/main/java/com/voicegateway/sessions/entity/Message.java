package com.voicegateway.sessions.entity;

import com.voicegateway.audio.entity.MessageAudio;

import java.time.Instant;

/**
 * One message of a session's history. Ids grow monotonically within a session. A model reply that
 * broke off is kept with {@code complete = false} and never sent upstream as context. A spoken
 * message (a voice turn) carries its {@code audio}'s metadata; text messages have none.
 */
public record Message(long id, Role role, String text, Instant createdAt, boolean complete, MessageAudio audio) {

    public enum Role { USER, MODEL }

    public Message {
        if (role == null || text == null || createdAt == null) {
            throw new IllegalArgumentException("a message has a role, a text and a time");
        }
    }

    /** A text message, without audio. */
    public Message(long id, Role role, String text, Instant createdAt, boolean complete) {
        this(id, role, text, createdAt, complete, null);
    }
}
