package com.voicegateway.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voicegateway.upstream.entity.InlineAudio;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.sessions.entity.Message;
import com.voicegateway.audio.entity.MessageAudio;
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

    @Test
    void aSpokenMessageIsContextByItsTranscriptOrANoteWhenItHasNone() {
        MessageAudio upload = MessageAudio.upload("audio/wav", 6_700L, 214_440L, "c2hh");
        List<Turn> turns = Conversations.turns(List.of(
                new Message(1, Message.Role.USER, "what time is it", Instant.EPOCH, true, upload),
                message(2, Message.Role.MODEL, "noon"),
                new Message(3, Message.Role.USER, "", Instant.EPOCH, true, upload),
                message(4, Message.Role.MODEL, "yes")), "thanks");
        assertEquals(List.of(Turn.user("what time is it"), new Turn(Turn.Speaker.MODEL, "noon"), Turn.user(Conversations.UNTRANSCRIBED),
                new Turn(Turn.Speaker.MODEL, "yes"), Turn.user("thanks")), turns);
    }

    @Test
    void aNewSpokenTurnKeepsItsAudioWhenJoinedToAnEarlierUserMessage() {
        InlineAudio audio = new InlineAudio("audio/ogg", new byte[] {1, 2, 3});
        List<Turn> turns = Conversations.turns(List.of(message(1, Message.Role.USER, "first")), Turn.spoken(audio, ""));
        assertEquals(List.of(new Turn(Turn.Speaker.USER, "first", audio)), turns, "an empty text adds no blank line");
        List<Turn> withText = Conversations.turns(List.of(message(1, Message.Role.USER, "first")), Turn.spoken(audio, "briefly"));
        assertEquals(List.of(new Turn(Turn.Speaker.USER, "first\nbriefly", audio)), withText);
    }
}
