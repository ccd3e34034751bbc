package com.voicegateway.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voicegateway.gemini.entity.Turn;
import com.voicegateway.sessions.entity.Message;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    private static Message message(long id, Message.Role role, String text) {
        return new Message(id, role, text, Instant.EPOCH, true);
    }

    @Test
    void historyBecomesAlternatingTurnsEndingWithTheNewMessage() {
        List<Turn> turns = Conversations.turns(List.of(
                message(1, Message.Role.USER, "hi"), message(2, Message.Role.MODEL, "hello")), "how are you?");
        assertEquals(List.of(Turn.user("hi"), new Turn(Turn.Speaker.MODEL, "hello"), Turn.user("how are you?")), turns);
    }

    @Test
    void userMessagesLeftAdjacentByAnOmittedReplyAreJoined() {
        // the store leaves incomplete replies out of the history, so "first" is followed by another user turn
        List<Turn> turns = Conversations.turns(List.of(message(1, Message.Role.USER, "first")), "second");
        assertEquals(List.of(Turn.user("first\nsecond")), turns);
    }
}
