package com.voicegateway.chat.control;

import com.voicegateway.relay.control.ReplyWriter;

import com.voicegateway.sessions.control.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Opens chat connections: a client connection bound to one of its caller's sessions. */
@ApplicationScoped
public class ChatConnections {

    @Inject
    SessionStore store;

    @Inject
    Conversations conversations;

    /**
     * Checks at once that the session is the caller's (404 otherwise, missing and foreign alike),
     * so a client learns it before its first message. {@code frames} is where replies go.
     */
    public ChatConnection open(String sessionId, String owner, ReplyWriter frames) {
        store.use(sessionId, owner);
        return new ChatConnection(conversations, sessionId, owner, frames);
    }
}
